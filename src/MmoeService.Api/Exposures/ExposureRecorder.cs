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
        return queue.TryEnqueue(new ExposureEvent(
            requestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, unitHash,
            route.Model, modelVersion, tasks, items, MeanGates(result), ConcentratedShare(result), result.Rows, StatusCodes.Status200OK,
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

    /// <summary>Per task, the mean of each expert's gate weight over the request's candidates; null without gates.</summary>
    private static float[][]? MeanGates(InferenceResult result)
    {
        if (result.Gates is not { } gates || result.Rows == 0)
        {
            return null;
        }

        var experts = result.Experts;
        var means = new float[gates.Count][];
        for (var t = 0; t < gates.Count; t++)
        {
            var sums = new double[experts];
            var weights = gates[t];
            for (var i = 0; i < weights.Length; i++)
            {
                sums[i % experts] += weights[i];
            }

            means[t] = new float[experts];
            for (var e = 0; e < experts; e++)
            {
                means[t][e] = (float)(sums[e] / result.Rows);
            }
        }

        return means;
    }

    /// <summary>Per task, the share of the request's candidates whose largest gate weight exceeds <see cref="ConcentratedAbove"/>; null without gates.</summary>
    private static float[]? ConcentratedShare(InferenceResult result)
    {
        if (result.Gates is not { } gates || result.Rows == 0 || result.Experts == 0)
        {
            return null;
        }

        var experts = result.Experts;
        var shares = new float[gates.Count];
        for (var t = 0; t < gates.Count; t++)
        {
            var weights = gates[t];
            var concentrated = 0;
            for (var row = 0; row < result.Rows; row++)
            {
                var largest = float.NegativeInfinity;
                for (var e = 0; e < experts; e++)
                {
                    largest = Math.Max(largest, weights[(row * experts) + e]);
                }

                if (largest > ConcentratedAbove)
                {
                    concentrated++;
                }
            }

            shares[t] = (float)concentrated / result.Rows;
        }

        return shares;
    }
}
