using MmoeService.Serving.Scoring;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>
/// The experiment platform's end of the scoring pipeline: turns each routed request the model server finished into an
/// <see cref="ExposureEvent"/> and hands it to the <see cref="ExposureQueue"/> without waiting for the store. Requests
/// that named their model bypassed the router and are not experiment data.
/// </summary>
public sealed class ExposureRecorder(ExposureQueue queue) : IScoringObserver
{
    public void Observe(ScoredRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Routed || request.Route is not { } route || request.RequestId is null || request.UnitHash is null)
        {
            return;
        }

        queue.TryEnqueue(new ExposureEvent(
            request.RequestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, request.UnitHash,
            route.Model, request.ModelVersion, request.Tasks, request.Items, request.Gates?.MeanGates, request.Gates?.ConcentratedShare,
            request.Status == StatusCodes.Status200OK ? request.Candidates : 0, request.Status, request.Latency.TotalMilliseconds, request.Time));
    }
}
