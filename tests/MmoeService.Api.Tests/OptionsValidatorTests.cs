using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests;

[Trait("Kind", "Unit")]
public sealed class OptionsValidatorTests
{
    [Fact]
    public void ModelRepositoryOptions_Defaults_WithOneModel_Pass() =>
        Assert.True(new ModelRepositoryOptionsValidator().Validate(null, Models(("mmoe", "latest"))).Succeeded);

    [Fact]
    public void ModelRepositoryOptions_BadVersionPolicy_NamesTheKey()
    {
        var result = new ModelRepositoryOptionsValidator().Validate(null, Models(("mmoe", "newest")));

        Assert.Contains("Models:Served:mmoe:Version", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelRepositoryOptions_NoModel_Fails() =>
        Assert.Contains("Models:Served", new ModelRepositoryOptionsValidator().Validate(null, Models()).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void ModelRepositoryOptions_ShortAdminKey_Fails()
    {
        var options = Models(("mmoe", "2"));
        options.AdminApiKey = "short";

        Assert.Contains("Models:AdminApiKey", new ModelRepositoryOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ServedModelOptions_NumericVersion_IsPinned() => Assert.Equal(3, new ServedModelOptions { Version = "3" }.PinnedVersion);

    [Fact]
    public void ScoringOptions_NegativeExponent_NamesTheKey()
    {
        var options = new ScoringOptions { ScoreExponents = new() { ["mmoe"] = new() { ["ctr"] = -1 } } };

        var result = new ScoringOptionsValidator().Validate(null, options);

        Assert.Contains("Scoring:ScoreExponents:mmoe:ctr", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoringOptions_UnlistedTask_HasExponentOne() => Assert.Equal(1.0, new ScoringOptions().Exponent("mmoe", "ctr"));

    [Fact]
    public void ExperimentOptions_DefaultModelNotServed_Fails()
    {
        var validator = new ExperimentOptionsValidator(Options.Create(Models(("mmoe", "latest"))));

        var result = validator.Validate(null, new ExperimentOptions { DefaultModel = "shared-bottom" });

        Assert.Contains("Experiments:DefaultModel", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ModelRepositoryOptions Models(params (string Name, string Version)[] models)
    {
        var options = new ModelRepositoryOptions();
        foreach (var (name, version) in models)
        {
            options.Served[name] = new ServedModelOptions { Version = version };
        }

        return options;
    }
}
