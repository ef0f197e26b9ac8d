using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Scorecards;

[Trait("Kind", "Unit")]
public sealed class GateDriftTests
{
    private static readonly GateBaseline Uniform = new(1, ["ctr", "satisfaction"], new Dictionary<string, GateStatistics>
    {
        ["ctr"] = new([0.25, 0.25, 0.25, 0.25], Math.Log(4)),
        ["satisfaction"] = new([0.25, 0.25, 0.25, 0.25], Math.Log(4)),
    });

    [Fact]
    public void Compare_CollapsedGate_FlagsCollapsedDominantAndDrift()
    {
        var arm = Observations.Arm("treatment", "mmoe", gates: [[0.005f, 0.02f, 0.02f, 0.955f], [0.3f, 0.2f, 0.25f, 0.25f]]);

        var report = GateDrift.Compare(arm, Uniform, null)!;

        var ctr = report.Tasks[0];
        Assert.Equal("ctr", ctr.Task);
        Assert.Equal([0], ctr.CollapsedExperts);
        Assert.Equal(3, ctr.DominantExpert);

        // ½(0.245 + 0.23 + 0.23 + 0.705) = 0.705.
        Assert.Equal(0.705, ctr.TotalVariation!.Value, 6);
        Assert.True(ctr.Drifted);
        Assert.Equal(-0.245, ctr.Drift![0], 6);
        Assert.Null(report.Note);
    }

    [Fact]
    public void Compare_MildlyShiftedGate_NotFlagged()
    {
        var arm = Observations.Arm("treatment", "mmoe", gates: [[0.25f, 0.25f, 0.25f, 0.25f], [0.3f, 0.2f, 0.25f, 0.25f]]);

        var satisfaction = GateDrift.Compare(arm, Uniform, null)!.Tasks[1];

        Assert.Equal("satisfaction", satisfaction.Task);
        Assert.Equal(0.05, satisfaction.TotalVariation!.Value, 6);
        Assert.False(satisfaction.Drifted);
        Assert.Empty(satisfaction.CollapsedExperts);
        Assert.Null(satisfaction.DominantExpert);
    }

    [Fact]
    public void Compare_BaselineWithDiversity_CarriesWhatTheExpertsLearned()
    {
        var diversity = new ExpertDiversity(["experts.0", "experts.1"], 4096, [[1, 0.4], [0.4, 1]], 0.4, 0.55);
        var baseline = new GateBaseline(3, ["ctr"], new Dictionary<string, GateStatistics>
        {
            ["ctr"] = new([0.7, 0.3], 0.45, EffectiveExperts: 1.84),
        }, diversity);
        var arm = Observations.Arm("treatment", "mmoe", gates: [[0.6f, 0.4f]]);

        var report = GateDrift.Compare(arm, baseline, null)!;

        Assert.Same(diversity, report.ExpertDiversity);
        Assert.Equal(0.45, report.Tasks[0].TrainingEntropy);
        Assert.Equal(1.84, report.Tasks[0].TrainingEffectiveExperts);
    }

    [Fact]
    public void Compare_NoBaseline_ReportsWeightsWithNullDriftAndReason()
    {
        var arm = Observations.Arm("treatment", "mmoe", gates: [[0.5f, 0.5f], [0.995f, 0.005f]]);

        var report = GateDrift.Compare(arm, null, "no manifest")!;

        Assert.Equal("no manifest", report.Note);
        Assert.Null(report.Tasks[0].Drift);
        Assert.Null(report.Tasks[0].TotalVariation);
        Assert.Equal(0, report.Tasks[1].DominantExpert);
        Assert.Equal([1], report.Tasks[1].CollapsedExperts);
        Assert.Null(report.ExpertDiversity);
        Assert.Null(report.Tasks[0].TrainingEntropy);
    }

    [Fact]
    public void Compare_UngatedArm_IsNull() => Assert.Null(GateDrift.Compare(Observations.Arm("control", "shared-bottom"), Uniform, null));
}
