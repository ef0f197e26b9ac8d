namespace MmoeService.Serving.ModelRepository;

/// <summary>The last failed load of a model: which version, why, and when.</summary>
/// <param name="Version">Version that failed, or null when no version folder matched the policy.</param>
/// <param name="Message">Reason, as logged.</param>
/// <param name="At">When the attempt failed (UTC).</param>
public sealed record ModelLoadError(int? Version, string Message, DateTimeOffset At);
