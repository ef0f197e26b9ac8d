using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>Wiring of the Spool feature: options and the one exposure spool the exposure writer owns.</summary>
public static class SpoolExtensions
{
    public const string DefaultFolder = "exposure-spool";

    public static IHostApplicationBuilder AddExposureSpool(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<SpoolOptions, SpoolOptionsValidator>()
            .BindConfiguration(SpoolOptions.SectionName)
            .ValidateDataAnnotations();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<SpoolOptions>>();
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new ExposureSpool(
                options, Directory(options.Value, storage, contentRoot), services.GetRequiredService<SpoolMetrics>(),
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ExposureSpool>>());
        });
        return builder;
    }

    /// <summary><see cref="SpoolOptions.Directory"/> against the content root; by default beside the SQLite file, on the data volume.</summary>
    public static string Directory(SpoolOptions options, StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(StorageExtensions.DataDirectory(storage, contentRoot), DefaultFolder)
            : Path.GetFullPath(options.Directory, contentRoot);
    }
}
