namespace MmoeService.Serving.ModelRepository;

/// <summary>Serving settings of one model (section <c>Models:Served:&lt;name&gt;</c>).</summary>
public sealed class ServedModelOptions
{
    /// <summary>The version policy value that always serves the highest version folder.</summary>
    public const string Latest = "latest";

    /// <summary><c>latest</c> (the highest numeric version folder) or a pinned version number such as <c>3</c>.</summary>
    public string Version { get; set; } = Latest;

    /// <summary>False leaves the model out entirely (not loaded, not required for readiness).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The pinned version, or null for <see cref="Latest"/>.</summary>
    public int? PinnedVersion =>
        int.TryParse(Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pinned) ? pinned : null;
}
