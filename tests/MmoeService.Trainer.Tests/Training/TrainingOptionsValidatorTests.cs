using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Tests.Training;

public sealed class TrainingOptionsValidatorTests
{
    private static readonly TrainingOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validator.Validate(null, new TrainingOptions()).Succeeded);

    [Fact]
    public void Validate_UnknownArchitecture_NamesTheKey()
    {
        var result = Validator.Validate(null, new TrainingOptions { Architecture = "transformer" });

        Assert.Contains(result.Failures!, f => f.Contains("Training:Architecture", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadLayerSizes_ReportsEveryFailure()
    {
        var result = Validator.Validate(null, new TrainingOptions { ExpertLayers = "", TowerLayers = "16,x", LossWeights = { ["ctr"] = -1 } });

        Assert.True(3 == result.Failures!.Count(), result.FailureMessage);
    }

    [Fact]
    public void ParseLayers_CommaSeparated_ReturnsSizes() => Assert.Equal([64, 32], TrainingOptions.ParseLayers("64, 32"));
}
