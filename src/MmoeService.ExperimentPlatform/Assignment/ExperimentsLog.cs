namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>Log events of the Experiments feature (event ids 4000-4099).</summary>
internal static partial class ExperimentsLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error,
        Message = "Experiment configuration change refused; still routing with the previous one (active experiment {Active}). Failures: {Failures}")]
    public static partial void ConfigurationRefused(ILogger logger, string active, string failures);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Experiment configuration applied: active experiment {Active}, {Experiments} experiment(s) defined")]
    public static partial void ConfigurationApplied(ILogger logger, string active, int experiments);
}
