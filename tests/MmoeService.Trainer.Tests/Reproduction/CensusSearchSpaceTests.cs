using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class CensusSearchSpaceTests
{
    private static readonly CensusStudyOptions Options = new()
    {
        ExpertUnits = "8,16",
        Experts = "4,8",
        BottomUnits = "32,64,128",
        TowerUnits = "8",
        LearningRates = "1e-3,1e-2",
    };

    [Fact]
    public void All_MixtureOfExperts_IsProductOfExpertGrids() =>
        Assert.Equal(2 * 2 * 1 * 2, CensusSearchSpace.All(CensusStudy.Models[0], Options).Count);

    [Fact]
    public void All_SharedBottom_UsesBottomUnitsWithoutExperts()
    {
        var all = CensusSearchSpace.All(CensusStudy.Models[2], Options);

        Assert.Equal(3 * 2, all.Count);
        Assert.All(all, c => Assert.Equal(0, c.Experts));
    }

    [Fact]
    public void Sample_SameSeed_SameDistinctCandidates()
    {
        var first = CensusSearchSpace.Sample(CensusStudy.Models[0], Options, 3, 7);
        var second = CensusSearchSpace.Sample(CensusStudy.Models[0], Options, 3, 7);

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public void Shape_Candidate_SetsLayersAndExperts()
    {
        var shaped = new CensusCandidate(32, 4, 16, 1e-3).Shape(CensusStudy.Models[0]);

        Assert.Equal(("32", "16", 4), (shaped.HiddenLayers, shaped.TowerLayers, shaped.Experts));
    }
}
