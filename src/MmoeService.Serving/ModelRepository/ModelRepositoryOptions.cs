using System.ComponentModel.DataAnnotations;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Where the models live and which ones to serve (section "Models"). The repository uses Triton's layout,
/// <c>&lt;RepositoryRoot&gt;/&lt;name&gt;/&lt;version&gt;/</c>; <see cref="ModelRepositoryOptionsValidator"/> checks it at start.
/// </summary>
public sealed class ModelRepositoryOptions
{
    public const string SectionName = "Models";

    /// <summary>
    /// Repository folder; a relative path is resolved against the content root, the application's own folder.
    /// The default <c>models</c> is the copy of the committed models that the build and publish output carry (and
    /// the container bakes in); <c>appsettings.Development.json</c> points <c>dotnet run</c> at the checkout's
    /// <c>models/</c> instead, so a version the trainer writes there is picked up while developing.
    /// </summary>
    [Required]
    public string RepositoryRoot { get; set; } = "models";

    /// <summary>How often the repository is scanned for new versions; <c>00:00:00</c> turns polling off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Model name (repository folder) to its serving settings. Every enabled entry must load for readiness.</summary>
    public Dictionary<string, ServedModelOptions> Served { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Key required by the admin endpoints (<c>POST /admin/...</c>); unset or empty disables them. A secret: set it
    /// from the environment (<c>Models__AdminApiKey</c>) or a secret store, never in a committed file; it is never logged.
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// True: the admin endpoints are wanted, and the service refuses to start without <see cref="AdminApiKey"/>
    /// (so a deployment that forgot the secret fails loudly instead of running with admin silently off).
    /// False: admin off even with a key. Unset: admin is on exactly when a key is set.
    /// </summary>
    public bool? AdminEnabled { get; set; }

    /// <summary>Whether the admin endpoints accept calls.</summary>
    public bool AdminActive => AdminEnabled != false && AdminApiKey is { Length: > 0 };

    /// <summary>Request header that carries <see cref="AdminApiKey"/>.</summary>
    [Required]
    public string AdminApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Rows of the all-missing batch run once through every new session before it is swapped in.</summary>
    [Range(1, 1024)]
    public int WarmupRows { get; set; } = 8;
}
