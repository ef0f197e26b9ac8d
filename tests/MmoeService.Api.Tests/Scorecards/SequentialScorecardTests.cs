using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Statistics;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// The scorecard's always-valid, fixed-horizon, minimum-detectable-effect, verdict and Holm fields against the
/// Statistics functions they come from, on fixtures of one labeled impression per unit.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class SequentialScorecardTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    // 1,000 units per arm, 30% against 35.5%: fixed-horizon z ≈ 2.6 (p ≈ 0.009), inside the always-valid band at 2,000 units.
    private static readonly ArmObservations Control = Arm("control", 1000, 300);
    private static readonly ArmObservations Treatment = Arm("treatment", 1000, 355);

    [Fact]
    public void Compute_TwoArms_AlwaysValidFieldsEqualConfidenceSequence()
    {
        var card = Compute(Design(), Control, Treatment);

        var lift = card.Comparisons.Single().Tasks[0];
        var design = new SequentialDesign(SequentialDefinition.DefaultTuningUnits);
        var absolute = RatioLift.Of(Sums(Control), Sums(Treatment), LiftScale.Absolute)!;
        var relative = RatioLift.Of(Sums(Control), Sums(Treatment), LiftScale.Relative)!;
        var interval = ConfidenceSequence.Interval(absolute, 2000, design.Rho, 0.05);
        var relativeInterval = ConfidenceSequence.Interval(relative, 2000, design.Rho, 0.05);
        Assert.Equal(2000, lift.AlwaysValid.Units);
        Close.Relative(interval.Lower, lift.AlwaysValid.AbsoluteLower, 1e-12);
        Close.Relative(interval.Upper, lift.AlwaysValid.AbsoluteUpper, 1e-12);
        Close.Relative(relativeInterval.Lower, lift.AlwaysValid.RelativeLower, 1e-12);
        Close.Relative(relativeInterval.Upper, lift.AlwaysValid.RelativeUpper, 1e-12);
        Close.Relative(ConfidenceSequence.PValue(absolute, 2000, design.Rho), lift.AlwaysValid.PValue, 1e-12);
        Assert.Null(lift.AlwaysValid.AdjustedPValue);

        // The fixed-horizon interval stays beside it, narrower: valid only at a planned horizon.
        Close.Relative(FixedHorizon.Interval(absolute, 0.05).Lower, lift.Lift.AbsoluteLower, 1e-9);
        Assert.True(lift.AlwaysValid.AbsoluteLower < lift.Lift.AbsoluteLower);
        Close.Relative(MinimumDetectableEffect.FixedHorizon(absolute.StandardError, 0.05, 0.8), lift.MinimumDetectableEffect.Absolute, 1e-12);
        Close.Relative(MinimumDetectableEffect.AlwaysValid(absolute.StandardError, 2000, design.Rho, 0.05, 0.8), lift.MinimumDetectableEffect.AlwaysValidAbsolute, 1e-12);
        Close.Relative(lift.MinimumDetectableEffect.Absolute!.Value / 0.3, lift.MinimumDetectableEffect.Relative, 1e-12);
    }

    [Fact]
    public void Compute_FixedSignificantUnderPlannedUnits_VerdictWaitsForAlwaysValid()
    {
        var card = Compute(Design(plannedUnits: 4000), Control, Treatment);

        var lift = card.Comparisons.Single().Tasks[0];
        Assert.True(lift.Lift.Significant);
        Assert.False(lift.AlwaysValid.Significant);
        Assert.Equal(ScorecardVerdict.NoDifferenceYet, lift.Verdict);
        Assert.Equal(ScorecardVerdict.AlwaysValidBasis, lift.VerdictBasis);
        Assert.Equal(new SequentialSummary(0.05, 0.8, 5000, 4000, 2000, false), card.Sequential);
        Assert.Equal(ScorecardVerdict.NotEnoughData, card.Comparisons.Single().Tasks[1].Verdict);
    }

    [Fact]
    public void Compute_PlannedUnitsReached_VerdictFromFixedHorizon()
    {
        var card = Compute(Design(plannedUnits: 2000), Control, Treatment);

        var lift = card.Comparisons.Single().Tasks[0];
        Assert.True(card.Sequential.PlannedReached);
        Assert.Equal(ScorecardVerdict.Better, lift.Verdict);
        Assert.Equal(ScorecardVerdict.FixedHorizonBasis, lift.VerdictBasis);
    }

    [Fact]
    public void Compute_LargeEffect_AlwaysValidVerdictWithoutPlan()
    {
        var card = Compute(Design(), Control, Arm("treatment", 1000, 200));

        var lift = card.Comparisons.Single().Tasks[0];
        Assert.True(lift.AlwaysValid.Significant);
        Assert.Equal(ScorecardVerdict.Worse, lift.Verdict);
        Assert.Null(card.Sequential.PlannedUnits);
        Assert.False(card.MultipleTesting.Applied);
    }

    [Fact]
    public void Compute_TwoTreatmentArms_HolmAdjustsAlwaysValidPValues()
    {
        var design = new ExperimentDesign("x", "running", 100, "control",
            [new ArmDesign("control", "a", 34), new ArmDesign("t1", "b", 33), new ArmDesign("t2", "c", 33)]);
        var card = Compute(design, Control, Arm("t1", 1000, 355), Arm("t2", 1000, 250));

        Assert.Equal(new MultipleTestingSummary("holm", true, 2), card.MultipleTesting);
        var lifts = card.Comparisons.Select(c => c.Tasks[0].AlwaysValid).ToArray();
        var adjusted = Holm.Adjust(lifts.Select(l => l.PValue!.Value).ToArray());
        Assert.Equal(adjusted, lifts.Select(l => l.AdjustedPValue!.Value));
        Assert.Equal(lifts.Select(l => l.AdjustedPValue <= 0.05), lifts.Select(l => l.Significant));
        Assert.Null(card.Comparisons[0].Tasks[1].AlwaysValid.AdjustedPValue);
    }

    [Fact]
    public void ExperimentOptionsValidator_BadSequentialUnits_NamesBothKeys()
    {
        var models = new ModelRepositoryOptions();
        models.Served["mmoe"] = new ServedModelOptions { Version = "latest" };
        var options = new ExperimentOptions();
        options.Experiments["ab"] = new ExperimentDefinition
        {
            Salt = "s", Control = "a", Arms = { ["a"] = new ArmDefinition { Model = "mmoe", Weight = 100 } },
            Sequential = new SequentialDefinition { TuningUnits = 0, PlannedUnits = 1 },
        };

        var result = new ExperimentOptionsValidator(Options.Create(models)).Validate(null, options);

        Assert.Contains("Experiments:Experiments:ab:Sequential:TuningUnits", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Experiments:Experiments:ab:Sequential:PlannedUnits", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorecardOptions_PowerOutOfRange_FailsAtStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scorecards:Power"] = "1.5" });
        builder.AddScorecards();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Power", error.Message, StringComparison.Ordinal);
    }

    private static ExperimentDesign Design(int? plannedUnits = null) => new(
        "x", "running", 100, "control", [new ArmDesign("control", "a", 50), new ArmDesign("treatment", "b", 50)], PlannedUnits: plannedUnits);

    private static Scorecard Compute(ExperimentDesign design, params ArmObservations[] arms) =>
        ScorecardCalculator.Compute(design, arms, new Dictionary<string, GateBaseline>(), Observations.Tasks, Now);

    // One labeled impression per unit: y is 0 or 1, so Σy² = Σyn = Σy and Σn = Σn² = K.
    private static ArmObservations Arm(string name, long units, long positives) => Observations.Arm(
        name, "m", units: units, ctr: new TaskOutcomes(positives, units, 0, 0), ctrByUnit: new UnitMoments(units, positives, units, positives, units, positives));

    private static RatioSums Sums(ArmObservations arm)
    {
        var m = arm.Tasks[0].ByUnit;
        return new RatioSums(m.Units, m.SumY, m.SumN, m.SumYY, m.SumNN, m.SumYN);
    }
}
