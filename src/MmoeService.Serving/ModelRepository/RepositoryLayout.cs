using Microsoft.Extensions.Options;
using MmoeService.Contracts;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Reads the Triton-style repository on disk: <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/</c> with numeric version
/// folders. Anything else (the trainer's temporary folders, README files) is ignored, so a version appears
/// only once it has been renamed into place.
/// </summary>
public sealed class RepositoryLayout
{
    public RepositoryLayout(IOptions<ModelRepositoryOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.RepositoryRoot));
    }

    /// <summary>Absolute repository folder.</summary>
    public string Root { get; }

    public string ModelDirectory(string model) => Path.Combine(Root, model);

    public string VersionDirectory(string model, int version) =>
        Path.Combine(Root, model, ModelVersionFolders.FolderName(version));

    /// <summary>Version numbers present for <paramref name="model"/>, ascending; empty when the folder is missing.</summary>
    public IReadOnlyList<int> Versions(string model) => ModelVersionFolders.Scan(ModelDirectory(model));

    /// <summary>The version the policy selects: the highest, or the pinned one if present; null when none fits.</summary>
    public int? Select(string model, ServedModelOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var versions = Versions(model);
        if (policy.PinnedVersion is { } pinned)
        {
            return versions.Contains(pinned) ? pinned : null;
        }

        return versions.Count == 0 ? null : versions[^1];
    }

    /// <summary>
    /// Sizes and write times of a version's files: lets polling retry a failed version once its files change
    /// (for example a copy that was still in progress) without retrying it on every tick.
    /// </summary>
    public string Fingerprint(string model, int version)
    {
        var directory = VersionDirectory(model, version);
        return string.Join('|', new[] { ModelFiles.Onnx, ModelFiles.Manifest, ModelFiles.Examples }.Select(file =>
        {
            var info = new FileInfo(Path.Combine(directory, file));
            return info.Exists ? $"{info.Length}@{info.LastWriteTimeUtc.Ticks}" : "-";
        }));
    }
}
