using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Unit.Scorecards;

/// <summary>Builds <see cref="ArmObservations"/> with only the fields a test cares about set.</summary>
internal static class Observations
{
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
        IReadOnlyList<LabeledPrediction>? ctrSample = null,
        IReadOnlyList<double>? latency = null,
        IReadOnlyList<double>? concentrated = null) => new(
        arm, model, [1], units, requests, failed, ctr?.Labeled ?? 0,
        ctr ?? NoOutcomes, NoOutcomes, ctrByUnit ?? NoUnits, NoUnits,
        ctrSample ?? [], [], latency ?? [], [], gates, concentrated);
}
