using MmoeService.ExperimentPlatform;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Builds <see cref="ArmObservations"/> with only the fields a test cares about set; the first task is the one measured.</summary>
internal static class Observations
{
    public static readonly string[] Tasks = ["ctr", "satisfaction"];
    public static readonly TaskOutcomes NoOutcomes = new(0, 0, 0, 0);
    public static readonly UnitMoments NoUnits = new(0, 0, 0, 0, 0, 0);

    public static ArmObservations Arm(
        string arm,
        string model,
        long units = 0,
        long requests = 0,
        long failed = 0,
        TaskOutcomes? ctr = null,
        UnitMoments? ctrByUnit = null,
        IReadOnlyList<float[]>? gates = null,
        IReadOnlyList<(float Predicted, bool Label)>? ctrSample = null,
        IReadOnlyList<double>? latency = null,
        IReadOnlyList<double?>? concentrated = null) => new(
        arm, model, [1], units, requests, failed, ctr?.Labeled ?? 0,
        [
            new TaskObservations(Tasks[0], ctr ?? NoOutcomes, ctrByUnit ?? NoUnits, Bins(ctrSample ?? [])),
            new TaskObservations(Tasks[1], NoOutcomes, NoUnits, []),
        ],
        (latency ?? []).GroupBy(LatencyBins.Of).OrderBy(g => g.Key).Select(g => new HistogramBin(g.Key, g.Count())).ToArray(),
        [],
        (gates ?? []).Select((g, t) => new TaskGateObservations(Tasks[t], g.Select(w => (double)w).ToArray(), concentrated is { } c && t < c.Count ? c[t] : null)).ToArray());

    public static IReadOnlyList<LabeledBin> Bins(IReadOnlyList<(float Predicted, bool Label)> sample) => sample
        .GroupBy(s => PredictionBins.Of(s.Predicted)).OrderBy(g => g.Key)
        .Select(g => new LabeledBin(g.Key, g.Count(s => s.Label), g.Count(s => !s.Label))).ToArray();
}
