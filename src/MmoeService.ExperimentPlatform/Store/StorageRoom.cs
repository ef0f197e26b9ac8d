using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Wiring of the Storage room: options, the experiment store for the configured provider, and the exposure writer
/// that drains the exposure queue into it.
/// </summary>
public static class StorageRoom
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.TryAddSingleton<ExperimentMetrics>();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<IExperimentStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>();
            var time = services.GetRequiredService<TimeProvider>();
            IExperimentStore store = options.Value.Provider == StorageProvider.Postgres
                ? new PostgresExperimentStore(options, time)
                : new SqliteExperimentStore(options, time, DataDirectory(options.Value, contentRoot));
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
