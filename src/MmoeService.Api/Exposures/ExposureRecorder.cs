using MmoeService.Api.Experiments;
using MmoeService.Api.Inference;

namespace MmoeService.Api.Exposures;

/// <summary>
/// The record step of the scoring pipeline: turns a routed request's outcome into an <see cref="ExposureEvent"/>
/// and hands it to the <see cref="ExposureQueue"/> without waiting for the store.
/// </summary>
public sealed class ExposureRecorder(ExposureQueue queue, TimeProvider time)
{
    /// <summary>
    /// A candidate whose largest gate weight for a task exceeds this is concentrated: one expert scores it alone.
    /// Single answers show gates near 0.998 on one expert, which a mean per expert over many candidates hides.
    /// </summary>
    public const double ConcentratedAbove = 0.95;

    /// <summary>Records the items a routed request returned.</summary>
    /// <param name="requestId">The request's id.</param>
    /// <param name="unitHash">Keyed hash of the user id.</param>
    /// <param name="route">How the request was routed.</param>
    /// <param name="modelVersion">Version that scored it.</param>
    /// <param name="tasks">Task names in output order.</param>
    /// <param name="items">Returned items, best first.</param>
    /// <param name="result">The run's outputs, for the mean gate weights over every scored candidate.</param>
    /// <param name="latency">Time spent scoring.</param>
    public bool Scored(
        string requestId,
        string unitHash,
        RouteDecision route,
        int modelVersion,
        IReadOnlyList<string> tasks,
        IReadOnlyList<ExposedItem> items,
        InferenceResult result,
        TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(result);
        var (meanGates, concentratedShare) = SummariseGates(result);
        return queue.TryEnqueue(new ExposureEvent(
            requestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, unitHash,
            route.Model, modelVersion, tasks, items, meanGates, concentratedShare, result.Rows, StatusCodes.Status200OK,
            latency.TotalMilliseconds, time.GetUtcNow()));
    }

    /// <summary>Records a routed request that failed (the arm's error rate counts it).</summary>
    public bool Failed(string requestId, string unitHash, RouteDecision route, int? modelVersion, int status, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(route);
        return queue.TryEnqueue(new ExposureEvent(
            requestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, unitHash,
            route.Model, modelVersion, [], [], null, null, 0, status, latency.TotalMilliseconds, time.GetUtcNow()));
    }

    /// <summary>
    /// One pass over the gate outputs: per task, the mean weight of each expert over the request's candidates, and the
    /// share of candidates whose largest weight exceeds <see cref="ConcentratedAbove"/>. Both null without gates.
    /// </summary>
    private static (float[][]? MeanGates, float[]? ConcentratedShare) SummariseGates(InferenceResult result)
    {
        if (result.Gates is not { } gates || result.Rows == 0 || result.Experts == 0)
        {
            return (null, null);
        }

        var experts = result.Experts;
        var means = new float[gates.Count][];
        var shares = new float[gates.Count];
        var sums = new double[experts];
        for (var t = 0; t < gates.Count; t++)
        {
            Array.Clear(sums);
            var weights = gates[t];
            var concentrated = 0;
            for (var row = 0; row < result.Rows; row++)
            {
                var largest = float.NegativeInfinity;
                for (var e = 0; e < experts; e++)
                {
                    var weight = weights[(row * experts) + e];
                    sums[e] += weight;
                    largest = Math.Max(largest, weight);
                }

                if (largest > ConcentratedAbove)
                {
                    concentrated++;
                }
            }

            means[t] = new float[experts];
            for (var e = 0; e < experts; e++)
            {
                means[t][e] = (float)(sums[e] / result.Rows);
            }

            shares[t] = (float)concentrated / result.Rows;
        }

        return (means, shares);
    }
}
