using MmoeService.Trainer.Experiments;

namespace MmoeService.Trainer.Tests.Experiments;

public sealed class ExperimentOptionsValidatorTests
{
    private readonly ExperimentOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(validator.Validate(null, new ExperimentOptions()).Succeeded);

    [Fact]
    public void Validate_BadListsAndRanges_ReportsEveryKey()
    {
        var options = new ExperimentOptions();
        options.Synthetic.Correlations = "0.5,1.5";
        options.Synthetic.Runs = 0;
        options.Census.Groups = "3";
        options.Census.ExpertUnits = "16,abc";

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Experiment:Synthetic:Correlations", failures, StringComparison.Ordinal);
        Assert.Contains("Experiment:Synthetic:Runs", failures, StringComparison.Ordinal);
        Assert.Contains("Experiment:Census:Groups", failures, StringComparison.Ordinal);
        Assert.Contains("Experiment:Census:ExpertUnits", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseNumbers_ScientificAndSpaces_ParsesInvariant() =>
        Assert.Equal([1e-4, 0.001, 0.01], ExperimentOptions.ParseNumbers(" 1e-4, 1e-3 ,1e-2"));
}
