using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Wiring of the store: options, the experiment store for the configured provider (behind availability tracking),
/// and the exposure writer that drains the exposure queue into it.
/// </summary>
public static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<StorageOptions, StorageOptionsValidator>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptions<OutcomeFieldOptions>().BindConfiguration(OutcomeFieldOptions.SectionName);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<IExperimentStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var fields = services.GetRequiredService<IOptions<OutcomeFieldOptions>>().Value;
            var time = services.GetRequiredService<TimeProvider>();
            var logger = services.GetRequiredService<ILogger<ExperimentStore>>();
            var store = options.Provider == StorageProvider.Postgres
                ? ExperimentStore.Postgres(options, fields, time, logger)
                : ExperimentStore.Sqlite(DataDirectory(options, contentRoot), options, fields, time, logger);
            return new AvailabilityTrackingStore(store, services.GetRequiredService<StoreAvailability>());
        });
        builder.Services.AddSingleton<StoreAvailability>();
        builder.Services.AddHostedService<ExposureWriter>();
        return builder;
    }

    /// <summary>The SQLite folder: <see cref="StorageOptions.DataDirectory"/> resolved against the content root, default <c>data</c>.</summary>
    public static string DataDirectory(StorageOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataDirectory) ? "data" : options.DataDirectory, contentRoot);
    }
}
