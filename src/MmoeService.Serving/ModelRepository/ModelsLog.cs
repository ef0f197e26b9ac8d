namespace MmoeService.Serving.ModelRepository;

/// <summary>Log events of the Models feature, with fixed event ids so dashboards and alerts can key on them.</summary>
internal static partial class ModelsLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "CUDA execution provider unavailable, falling back to CPU. Reason: {Reason}")]
    public static partial void CudaUnavailableFallingBack(ILogger logger, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "ONNX Runtime execution provider {Provider} (Inference:ExecutionProvider={Mode})")]
    public static partial void ExecutionProviderChosen(ILogger logger, string provider, ExecutionProviderMode mode);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information,
        Message = "Loaded model {Model} version {Version} on {Provider} in {ElapsedMs} ms; replaced version {PreviousVersion}")]
    public static partial void ModelLoaded(ILogger logger, string model, int version, string provider, long elapsedMs, int? previousVersion);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error,
        Message = "Model {Model} version {Version} failed to load and is not served; still serving version {ServedVersion}. Reason: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, string model, int version, int? servedVersion, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning,
        Message = "Model {Model} has no version folder matching policy {Policy} under {Directory}")]
    public static partial void NoVersionFound(ILogger logger, string model, string policy, string directory);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug,
        Message = "Model {Model} version {Version} retired; its session is disposed once in-flight requests finish")]
    public static partial void ModelRetired(ILogger logger, string model, int version);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error,
        Message = "Repository poll failed; will retry on the next tick")]
    public static partial void PollFailed(ILogger logger, Exception exception);
}
