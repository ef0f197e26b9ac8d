using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>Experiment store: exposures, feedback and what the scorecard reads (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Folder of the SQLite file <c>experiments.db</c>; relative paths are resolved against the content root.
    /// Empty means a <c>data</c> folder under the content root (containers set <c>/var/lib/mmoe</c>).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Npgsql connection string, required for <see cref="StorageProvider.Postgres"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Most exposure events written in one transaction by the exposure writer.</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 500;

    /// <summary>First wait after a failed exposure write; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown may spend writing the exposures still queued (keep it under the host's shutdown timeout).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seconds a store command may run before it counts as a failure.</summary>
    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
