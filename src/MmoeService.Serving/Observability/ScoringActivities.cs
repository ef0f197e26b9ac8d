using System.Diagnostics;

namespace MmoeService.Serving.Observability;

/// <summary>
/// The service's own trace spans: one <see cref="ActivitySource"/> named <see cref="SourceName"/>, and one span per
/// stage of a scoring request (parse, route, encode, infer, rank, record) under the request's server span. The
/// host decides whether anyone listens (OpenTelemetry in <c>AddObservability</c>); with no listener nothing is created.
/// </summary>
public static class ScoringActivities
{
    public const string SourceName = "MmoeService";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>A span for one stage, ended by disposing it; null when no one listens.</summary>
    public static Activity? Start(string stage) => Source.StartActivity(stage);

    /// <summary>Consecutive stages of one linear method; null when no one listens, so an untraced request allocates nothing.</summary>
    public static ScoringStages? Stages() => Source.HasListeners() ? new ScoringStages() : null;
}
