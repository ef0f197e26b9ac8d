namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The store's schema, one script per version, the same text for SQLite and PostgreSQL (portable types only:
/// TEXT, INTEGER, BIGINT, DOUBLE PRECISION; booleans are 0/1 integers and times Unix milliseconds, so every query
/// is shared too). Applied in order inside one transaction each and recorded in <c>schema_version</c>.
/// Never edit a published script: append the next version.
/// </summary>
internal static class ExperimentSchema
{
    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL)";

    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } =
    [
        // Version 1: exposures (one row per routed /score), their returned items, and feedback on those items.
        [
            """
            CREATE TABLE exposures (
                request_id TEXT PRIMARY KEY,
                experiment TEXT NULL,
                arm TEXT NOT NULL,
                enrolled INTEGER NOT NULL,
                reason TEXT NOT NULL,
                unit_hash TEXT NOT NULL,
                model TEXT NOT NULL,
                model_version INTEGER NULL,
                tasks TEXT NOT NULL,
                item_count INTEGER NOT NULL,
                mean_gates TEXT NULL,
                status_code INTEGER NOT NULL,
                latency_ms DOUBLE PRECISION NOT NULL,
                time_ms BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_exposures_experiment ON exposures (experiment, arm, time_ms)",
            """
            CREATE TABLE exposure_items (
                request_id TEXT NOT NULL,
                item_id TEXT NOT NULL,
                item_rank INTEGER NOT NULL,
                ctr DOUBLE PRECISION NULL,
                satisfaction DOUBLE PRECISION NULL,
                score DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (request_id, item_id))
            """,
            """
            CREATE TABLE feedback (
                request_id TEXT NOT NULL,
                item_id TEXT NOT NULL,
                clicked INTEGER NOT NULL,
                satisfied INTEGER NOT NULL,
                time_ms BIGINT NOT NULL,
                received_ms BIGINT NOT NULL,
                PRIMARY KEY (request_id, item_id))
            """,
        ],

        // Version 2: per task, the share of scored candidates whose largest gate weight exceeds 0.95, and the
        // candidate count that weighs it. Exposures stored before this version keep both NULL and are left out of the share.
        [
            "ALTER TABLE exposures ADD COLUMN candidate_count INTEGER NULL",
            "ALTER TABLE exposures ADD COLUMN concentrated_share TEXT NULL",
        ],
    ];
}
