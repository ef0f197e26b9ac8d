using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Scorecards.Interleaving;
using MmoeService.Serving.Routing;

namespace MmoeService.Api.Tests.Scorecards.Interleaving;

[Trait("Kind", "Unit")]
public sealed class InterleavingScorecardsTests
{
    [Fact]
    public void Compute_Fixture_ReadsTheUnitPreferenceInClosedForm()
    {
        // 10 units: 5 prefer treatment, 2 control, 3 tie; credit differences d = {1, 1, 1, 2, 2, -1, -2, 0, 0, 0}: Σd = 4, Σd² = 16.
        var card = InterleavingScorecards.Compute(Definition(ExperimentMode.Interleaving), [Arm(10, new PreferenceObservations("ctr", 5, 2, 4, 16))])!;

        var task = Assert.Single(card.Tasks);
        Assert.Equal(("shared-bottom", "mmoe", 10L, 3L), (card.ControlArm, card.TreatmentArm, card.Units, task.Ties));
        var share = task.Share!;
        var p = 5.0 / 7;
        var se = Math.Sqrt(p * (1 - p) / 7);
        Assert.Equal(p, share.Value, 12);
        Assert.Equal(se, share.StandardError, 12);
        Assert.Equal(p - 1.959963984540054 * se, share.Lower, 9);
        Assert.Equal(p + 1.959963984540054 * se, share.Upper, 9);
        Assert.True(share.AlwaysValidLower < share.Lower && share.AlwaysValidUpper > share.Upper, "the always-valid interval is the wider one");

        // Mean 0.4; sample variance (Σd² - K·mean²) / (K - 1) = (16 - 1.6) / 9 = 1.6; SE = √(1.6 / 10) = 0.4.
        var mean = task.MeanDifference!;
        Assert.Equal(0.4, mean.Value, 12);
        Assert.Equal(0.4, mean.StandardError, 9);
        Assert.Equal(2, card.ModelRunsPerRequest);
    }

    [Fact]
    public void Compute_ExperimentTuningUnits_TightenTheAlwaysValidIntervalThere()
    {
        var observed = Arm(10, new PreferenceObservations("ctr", 5, 2, 4, 16));
        var tunedSmall = Definition(ExperimentMode.Interleaving);
        tunedSmall.Sequential = new SequentialDefinition { TuningUnits = 10 };

        var atDefault = InterleavingScorecards.Compute(Definition(ExperimentMode.Interleaving), [observed])!;
        var atTen = InterleavingScorecards.Compute(tunedSmall, [observed])!;

        Assert.Equal(((double)SequentialDefinition.DefaultTuningUnits, 10.0), (atDefault.TuningUnits, atTen.TuningUnits));
        var (wide, tight) = (atDefault.Tasks[0].Share!, atTen.Tasks[0].Share!);
        Assert.True(tight.AlwaysValidUpper - tight.AlwaysValidLower < wide.AlwaysValidUpper - wide.AlwaysValidLower,
            "tuned to the 10 units observed, the sequence is narrower there than tuned to 5,000");
    }

    [Fact]
    public void Compute_AbExperiment_IsNull() =>
        Assert.Null(InterleavingScorecards.Compute(Definition(ExperimentMode.AB), [Arm(10, new PreferenceObservations("ctr", 5, 2, 4, 16))]));

    [Fact]
    public void Compute_NoInterleavedTraffic_HasNoTasksAndNoUnits()
    {
        var card = InterleavingScorecards.Compute(Definition(ExperimentMode.Interleaving), [])!;

        Assert.Equal((0L, 0L), (card.Units, card.Requests));
        Assert.Empty(card.Tasks);
    }

    private static ExperimentDefinition Definition(ExperimentMode mode) => new()
    {
        Salt = "s",
        Control = "shared-bottom",
        Mode = mode,
        Arms = { ["shared-bottom"] = new ArmDefinition { Model = "shared-bottom" }, ["mmoe"] = new ArmDefinition { Model = "mmoe" } },
    };

    private static ArmObservations Arm(long units, params PreferenceObservations[] preferences) =>
        new(InterleavedArms.ArmName, "shared-bottom", [1], units, units * 2, 0, units * 20, [], [], [], [], Preferences: preferences);
}
