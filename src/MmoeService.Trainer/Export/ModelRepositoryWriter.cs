using Microsoft.Extensions.Logging;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Publishes a model version Triton-style as &lt;repository&gt;/&lt;name&gt;/&lt;version&gt;/. Files go to a
/// dot-prefixed temp folder beside the target (same parent, so same file system) and the folder is renamed
/// into place, so a reader scanning numeric folders never sees half a version. On failure the temp folder
/// is deleted and the repository is left as it was.
/// </summary>
public sealed partial class ModelRepositoryWriter(ILogger<ModelRepositoryWriter> logger)
{
    /// <summary>The next free version: one above the highest numeric folder, 1 for a new model.</summary>
    public static int NextVersion(string repository, string name)
    {
        var versions = ModelVersionFolders.Scan(Path.Combine(repository, name));
        return versions.Count == 0 ? 1 : versions[^1] + 1;
    }

    /// <summary>Writes <paramref name="files"/> (file name to content) as version <paramref name="version"/>; returns the version folder.</summary>
    /// <exception cref="IOException">The version exists and <paramref name="overwrite"/> is false, or the file system failed.</exception>
    public string Write(string repository, string name, int version, IReadOnlyList<KeyValuePair<string, byte[]>> files, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var parent = Path.GetFullPath(Path.Combine(repository, name));
        var target = Path.Combine(parent, ModelVersionFolders.FolderName(version));
        if (Directory.Exists(target) && !overwrite)
        {
            throw new IOException($"{target} already exists; choose another Output:Version, leave it empty for the next one, or set Output:Overwrite=true.");
        }

        var suffix = Guid.NewGuid().ToString("N")[..8];
        var temp = Path.Combine(parent, $".tmp-{version}-{suffix}");
        var retired = Path.Combine(parent, $".old-{version}-{suffix}");
        var createdParent = !Directory.Exists(parent);
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var (file, content) in files)
            {
                using var stream = new FileStream(Path.Combine(temp, file), FileMode.CreateNew, FileAccess.Write);
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (Directory.Exists(target))
            {
                // Replacing a version (the committed defaults): the old folder steps aside for the moment of the swap.
                Directory.Move(target, retired);
            }

            Directory.Move(temp, target);
        }
        catch
        {
            DeleteQuietly(temp);
            if (Directory.Exists(retired) && !Directory.Exists(target))
            {
                Directory.Move(retired, target);
            }

            if (createdParent && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            {
                Directory.Delete(parent);
            }

            throw;
        }

        DeleteQuietly(retired);
        LogWritten(logger, target, files.Count);
        return target;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover dot-folder is ignored by repository scanners and by NextVersion.
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Wrote model version {Folder} ({Files} files)")]
    private static partial void LogWritten(ILogger logger, string folder, int files);
}
