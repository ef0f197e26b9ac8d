namespace MmoeService.Serving.ModelRepository;

/// <summary>The answer of <c>POST /admin/models/{name}/reload</c>.</summary>
/// <remarks>Also the payload of <see cref="ModelRegistry.ReloadCompleted"/>.</remarks>
/// <param name="Model">Model name.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="AttemptedVersion">The version the policy selected, or null when none matched.</param>
/// <param name="ServedVersion">The version serving after the attempt, or null.</param>
/// <param name="Error">Why the attempt failed; null otherwise.</param>
public sealed record ModelReloadResult(string Model, ReloadOutcome Outcome, int? AttemptedVersion, int? ServedVersion, string? Error);
