using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Reproduction;

/// <summary>Wiring of the Reproduction feature (paper reproduction): options and validation, the runners and the three jobs.</summary>
public static class ReproductionExtensions
{
    public const string SyntheticCommand = "reproduce synthetic";
    public const string CensusCommand = "reproduce census";
    public const string SweepCommand = "reproduce synthetic-sweep";

    /// <summary>The commands' former names, still accepted with a deprecation line.</summary>
    public const string SyntheticAlias = "experiment synthetic";
    public const string CensusAlias = "experiment census";

    public static IHostApplicationBuilder AddReproduction(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ReproductionOptions, ReproductionOptionsValidator>()
            .BindConfiguration(ReproductionOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunTrainer>();
        builder.Services.AddSingleton<SyntheticStudy>();
        builder.Services.AddSingleton<CensusStudy>();
        builder.Services.AddKeyedSingleton<ITrainerJob, SyntheticStudyJob>(SyntheticCommand);
        builder.Services.AddKeyedSingleton<ITrainerJob, CensusStudyJob>(CensusCommand);
        builder.Services.AddSingleton<SyntheticSweep>();
        builder.Services.AddKeyedSingleton<ITrainerJob, SyntheticSweepJob>(SweepCommand);
        return builder;
    }
}
