namespace MmoeService.Serving.Observability;

/// <summary>Logging privacy settings (section "Observability").</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// Secret mixed into user id hashes so log readers cannot confirm a guessed id by hashing it themselves.
    /// Empty still hashes, but only with plain SHA-256.
    /// </summary>
    public string UserIdHashKey { get; set; } = string.Empty;
}
