namespace MmoeService.Serving.ModelRepository;

/// <summary>One entry of <c>GET /models</c>.</summary>
/// <param name="Name">Model name (repository folder).</param>
/// <param name="Status">Loading, serving or unavailable.</param>
/// <param name="VersionPolicy"><c>latest</c> or the pinned version.</param>
/// <param name="ServedVersion">Version answering requests, or null.</param>
/// <param name="Architecture"><c>mmoe</c>, <c>omoe</c> or <c>shared-bottom</c> of the served version.</param>
/// <param name="Tasks">Task names of the served version, in output order.</param>
/// <param name="Experts">Experts per gate (0 for Shared-Bottom).</param>
/// <param name="Features">Feature names the served version accepts.</param>
/// <param name="ExecutionProvider"><c>CUDA</c> or <c>CPU</c>.</param>
/// <param name="LoadedAt">When the served version was swapped in (UTC).</param>
/// <param name="LastLoadError">The most recent failed load, even if an older version keeps serving; null if none.</param>
public sealed record ModelStatus(
    string Name,
    ModelState Status,
    string VersionPolicy,
    int? ServedVersion,
    string? Architecture,
    IReadOnlyList<string> Tasks,
    int? Experts,
    IReadOnlyList<string> Features,
    string? ExecutionProvider,
    DateTimeOffset? LoadedAt,
    ModelLoadError? LastLoadError);
