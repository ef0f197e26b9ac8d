using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class ReproductionOptionsValidatorTests
{
    private readonly ReproductionOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(validator.Validate(null, new ReproductionOptions()).Succeeded);

    [Fact]
    public void Validate_BadListsAndRanges_ReportsEveryKey()
    {
        var options = new ReproductionOptions();
        options.Synthetic.Correlations = "0.5,1.5";
        options.Synthetic.Runs = 0;
        options.Census.Groups = "3";
        options.Census.ExpertUnits = "16,abc";

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Reproduction:Synthetic:Correlations", failures, StringComparison.Ordinal);
        Assert.Contains("Reproduction:Synthetic:Runs", failures, StringComparison.Ordinal);
        Assert.Contains("Reproduction:Census:Groups", failures, StringComparison.Ordinal);
        Assert.Contains("Reproduction:Census:ExpertUnits", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseNumbers_ScientificAndSpaces_ParsesInvariant() =>
        Assert.Equal([1e-4, 0.001, 0.01], ReproductionOptions.ParseNumbers(" 1e-4, 1e-3 ,1e-2"));
}
