using System.Collections.Frozen;
using System.Reflection;

namespace MmoeService.ExperimentPlatform.Dashboard;

/// <summary>
/// The dashboard's HTML, script and stylesheet, embedded in the assembly (so they ship with the DLL in every publish
/// and container image, whatever the content root) and read once at start; the set is fixed, so a request can only
/// ever name one of these files.
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "MmoeService.ExperimentPlatform.Dashboard.Assets.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _files;

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        _files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>The text of an embedded file and its content type; false for any other name.</summary>
    public bool TryGet(string file, out string text, out string contentType)
    {
        contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        return _files.TryGetValue(file, out text!);
    }

    /// <summary>An embedded page (must exist) with its <c>{{placeholders}}</c> replaced by already encoded values.</summary>
    public string Page(string file, IReadOnlyDictionary<string, string> encodedValues)
    {
        ArgumentNullException.ThrowIfNull(encodedValues);
        var text = _files[file];
        foreach (var (key, value) in encodedValues)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
