using System.Globalization;

namespace MmoeService.Contracts;

/// <summary>
/// The numeric version folders of one model in a Triton-style repository (<c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/</c>).
/// Only names made of digits alone, without leading zeros, that parse to a positive <see cref="int"/> count:
/// the trainer's dot-prefixed temp folders, README files and anything else are not versions, so a version
/// appears only once it has been renamed into place.
/// </summary>
public static class ModelVersionFolders
{
    /// <summary>The versions present under <paramref name="modelDirectory"/>, ascending; empty when the folder is missing.</summary>
    /// <param name="modelDirectory">The model's folder, <c>&lt;root&gt;/&lt;model&gt;</c>.</param>
    public static IReadOnlyList<int> Scan(string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        if (!Directory.Exists(modelDirectory))
        {
            return [];
        }

        return Directory.EnumerateDirectories(modelDirectory)
            .Select(Path.GetFileName)
            .Select(name => TryParse(name, out var version) ? version : 0)
            .Where(version => version > 0)
            .Order()
            .ToArray();
    }

    /// <summary>The folder name of <paramref name="version"/>.</summary>
    public static string FolderName(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when <paramref name="name"/> is a version folder name: digits only, no sign, no leading zero, a
    /// positive int. "007" is refused because the folder of version 7 is "7".
    /// </summary>
    public static bool TryParse(string? name, out int version)
    {
        version = 0;
        return !string.IsNullOrEmpty(name)
            && name[0] != '0'
            && name.All(char.IsAsciiDigit)
            && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version > 0;
    }
}
