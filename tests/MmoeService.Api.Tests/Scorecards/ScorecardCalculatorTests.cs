using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

[Trait("Kind", "Unit")]
public sealed class ScorecardCalculatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly ExperimentDesign Design = new(
        "mmoe-vs-shared-bottom", "running", 100, "control",
        [new ArmDesign("control", "shared-bottom", 50), new ArmDesign("treatment", "mmoe", 50)]);

    // The DeltaMethodTests samples: control 7/21 over 6 units, treatment 11/20 over 7 units.
    private static readonly ArmObservations Control = Observations.Arm(
        "control", "shared-bottom", units: 6, requests: 40, failed: 2,
        ctr: new TaskOutcomes(7, 21, 8.4, 21), ctrByUnit: new UnitMoments(6, 7, 21, 15, 91, 30),
        ctrSample: [new(0.2f, false), new(0.6f, true)], latency: [10, 20, 30]);

    private static readonly ArmObservations Treatment = Observations.Arm(
        "treatment", "mmoe", units: 7, requests: 50,
        ctr: new TaskOutcomes(11, 20, 10, 20), ctrByUnit: new UnitMoments(7, 11, 20, 27, 80, 42),
        gates: [[0.4f, 0.6f], [0.5f, 0.5f]], concentrated: [0.31, 0.02]);

    [Fact]
    public void Compute_TwoArms_PerArmNumbers()
    {
        var card = ScorecardCalculator.Compute(Design, [Treatment, Control], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        Assert.Equal(["control", "treatment"], card.Arms.Select(a => a.Arm));
        var control = card.Arms[0];
        Assert.True(control.Control);
        Assert.Equal(0.05, control.ErrorRate);
        Assert.Equal(7, control.Tasks[0].Rate.Positives);
        Close.Relative(1.0 / 3, control.Tasks[0].Rate.Value, 1e-15);

        // Mean predicted 8.4 / 21 = 0.4 against observed 1/3: calibration 1.2.
        Close.Relative(0.4, control.Tasks[0].Predictions.MeanPredicted, 1e-15);
        Close.Relative(1.2, control.Tasks[0].Predictions.Calibration, 1e-14);
        Assert.Equal(1.0, control.Tasks[0].Predictions.Auc);
        Assert.Equal(2, control.Tasks[0].Predictions.AucSample);
        Assert.Equal(20.0, control.LatencyMs.P50!.Value, 20.0 * 0.025);
        Assert.Equal(0.0, card.Arms[1].ErrorRate);
    }

    [Fact]
    public void Compute_TwoArms_LiftAndSampleRatio()
    {
        var card = ScorecardCalculator.Compute(Design, [Control, Treatment], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        var comparison = Assert.Single(card.Comparisons);
        Assert.Equal("treatment", comparison.Arm);
        Close.Relative(0.21666666666666673, comparison.Tasks[0].Lift.Absolute, 1e-13);
        Close.Relative(0.19927404204511737, comparison.Tasks[0].Lift.PValue, 1e-12);
        Assert.Equal(["ctr", "satisfaction"], comparison.Tasks.Select(t => t.Task));
        Assert.Null(comparison.Tasks[1].Lift.Absolute);

        // 6 vs 7 units at 50/50: χ² = 2·0.5²/6.5.
        Close.Relative(0.5 / 6.5, card.SampleRatio.ChiSquare, 1e-14);
        Assert.False(card.SampleRatio.Mismatch);
    }

    [Fact]
    public void Compute_GatedArmWithoutLoadedModel_ReportsWeightsAndReason()
    {
        var card = ScorecardCalculator.Compute(Design, [Control, Treatment], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        var gates = Assert.Single(card.Gates);
        Assert.Equal("treatment", gates.Arm);
        Assert.Contains("mmoe", gates.Note, StringComparison.Ordinal);
        Assert.Equal(0.6, gates.Tasks[0].MeanWeights[1], 6);
    }

    [Fact]
    public void Compute_GatedArm_PassesConcentratedShareThroughPerTask()
    {
        var card = ScorecardCalculator.Compute(Design, [Control, Treatment], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        var gates = Assert.Single(card.Gates);
        Assert.Equal([0.31, 0.02], gates.Tasks.Select(t => t.ConcentratedShare));
        Assert.Equal(0.95, gates.ConcentratedAbove);
    }

    [Fact]
    public void Compute_GatesStoredBeforeConcentration_ShareIsNull()
    {
        var card = ScorecardCalculator.Compute(Design, [Control, Treatment with { Gates = [.. Treatment.Gates.Select(g => g with { ConcentratedShare = null })] }], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        Assert.All(Assert.Single(card.Gates).Tasks, t => Assert.Null(t.ConcentratedShare));
    }

    [Fact]
    public void Compute_ArmWithoutData_CountsAsEmpty()
    {
        var card = ScorecardCalculator.Compute(Design, [Control], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        var treatment = card.Arms[1];
        Assert.Equal(0, treatment.Requests);
        Assert.Null(treatment.ErrorRate);
        Assert.Null(treatment.Tasks[0].Rate.Value);
        Assert.Null(card.Comparisons[0].Tasks[0].Lift.PValue);
    }

    [Fact]
    public void Compute_ArmNoLongerConfigured_ShownOutsideTheSampleRatioTest()
    {
        var retired = Observations.Arm("retired", "mmoe", units: 1000);

        var card = ScorecardCalculator.Compute(Design, [Control, Treatment, retired], new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

        Assert.Equal(0, card.Arms[2].Weight);
        Assert.Equal(2, card.SampleRatio.Arms.Count);
        Assert.False(card.SampleRatio.Mismatch);
    }
}
