namespace MmoeService.Serving.Scoring;

/// <summary>The model version that produced an answer.</summary>
/// <param name="Name">Model name, e.g. <c>mmoe</c>.</param>
/// <param name="Version">Served version number.</param>
/// <param name="Architecture"><c>mmoe</c>, <c>omoe</c> or <c>shared-bottom</c>.</param>
/// <param name="ExecutionProvider"><c>CUDA</c> or <c>CPU</c>.</param>
public sealed record ModelInfo(string Name, int Version, string Architecture, string ExecutionProvider);
