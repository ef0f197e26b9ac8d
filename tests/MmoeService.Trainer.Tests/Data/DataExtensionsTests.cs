using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class DataExtensionsTests
{
    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddData();
        return builder.Build();
    }

    [Fact]
    public void AddData_Defaults_ChooseSyntheticRecommendationWithThePaperSeed()
    {
        using var host = Build();

        var options = host.Services.GetRequiredService<IOptions<DataOptions>>().Value;

        Assert.Equal(("synthetic-recommendation", 20180819), (options.Source, options.Seed));
    }

    [Fact]
    public void Loader_PaperSynthetic_LoadsTheConfiguredSource()
    {
        using var host = Build(
            ("Data:Source", "paper-synthetic"),
            ("Data:PaperSynthetic:Dimension", "4"),
            ("Data:PaperSynthetic:TrainRows", "30"),
            ("Data:PaperSynthetic:ValidationRows", "5"),
            ("Data:PaperSynthetic:TestRows", "5"));

        var data = host.Services.GetRequiredService<DatasetLoader>().Load();

        Assert.Equal(("paper-synthetic", 30, 4), (data.Info.Source, data.Train.Count, data.Features.Count));
    }

    [Fact]
    public void Options_UnknownSourceAndBadBounds_ReportEveryKey()
    {
        using var host = Build(
            ("Data:Source", "nope"),
            ("Data:SyntheticRecommendation:TrainFraction", "0.95"),
            ("Data:PaperSynthetic:Correlation", "1.5"),
            ("Data:PaperSynthetic:Alphas", "1,x"));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DataOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Data:Source 'nope'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Data:SyntheticRecommendation:TrainFraction", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Data:PaperSynthetic:Correlation", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Data:PaperSynthetic:Alphas", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_CensusWithMissingFile_NamesTheKey()
    {
        using var host = Build(("Data:Source", "census-income"), ("Data:CensusIncome:TestFile", "/nowhere/census-income.test"), ("Data:CensusIncome:Group", "3"));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DataOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Data:CensusIncome:TestFile", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Data:CensusIncome:Group", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_SpecWithoutPath_NamesTheKey()
    {
        using var host = Build(("Data:Source", "spec"));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DataOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Data:Spec:Path", StringComparison.Ordinal));
    }

    [Fact]
    public void Loader_RegistersEverySource()
    {
        using var host = Build();

        Assert.Equal(DataOptions.SourceNames, host.Services.GetRequiredService<DatasetLoader>().SourceNames);
    }
}
