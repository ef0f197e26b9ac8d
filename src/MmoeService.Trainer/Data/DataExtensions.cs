using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Data;

/// <summary>Wiring of the Data feature: options, their validator, every source and the loader.</summary>
public static class DataExtensions
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<DataOptions, DataOptionsValidator>()
            .BindConfiguration(DataOptions.SectionName);
        builder.Services.AddSingleton<IDataSource, SyntheticRecommendationSource>();
        builder.Services.AddSingleton<IDataSource, PaperSyntheticSource>();
        builder.Services.AddSingleton<IDataSource, CensusIncomeSource>();
        builder.Services.AddSingleton<IDataSource, SpecDataSource>();
        builder.Services.AddSingleton<DatasetLoader>();
        return builder;
    }
}
