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

        // Version 3: tasks by name, and rollups maintained on write. Predictions move to one row per (request, item,
        // task) and outcomes to one row per (request, item, task); the old feedback table is kept as feedback_v2 (its
        // outcomes are copied by the configured field mapping, see ExperimentStore). The rollup_* tables hold
        // mergeable sums per arm, unit and task; they are rebuilt from the raw rows once, right after this script.
        [
            "CREATE TABLE exposure_predictions (request_id TEXT NOT NULL, item_id TEXT NOT NULL, task TEXT NOT NULL, prediction DOUBLE PRECISION NOT NULL, PRIMARY KEY (request_id, item_id, task))",
            .. LegacyPredictionColumns.Select(column =>
                $"INSERT INTO exposure_predictions (request_id, item_id, task, prediction) SELECT request_id, item_id, '{column}', {column} FROM exposure_items WHERE {column} IS NOT NULL"),
            "ALTER TABLE feedback RENAME TO feedback_v2",
            "CREATE TABLE feedback (request_id TEXT NOT NULL, item_id TEXT NOT NULL, time_ms BIGINT NOT NULL, received_ms BIGINT NOT NULL, PRIMARY KEY (request_id, item_id))",
            "INSERT INTO feedback (request_id, item_id, time_ms, received_ms) SELECT request_id, item_id, time_ms, received_ms FROM feedback_v2",
            "CREATE TABLE feedback_outcomes (request_id TEXT NOT NULL, item_id TEXT NOT NULL, task TEXT NOT NULL, outcome INTEGER NOT NULL, PRIMARY KEY (request_id, item_id, task))",
            "CREATE TABLE rollup_arm (experiment TEXT NOT NULL, arm TEXT NOT NULL, requests BIGINT NOT NULL, failed BIGINT NOT NULL, impressions BIGINT NOT NULL, units BIGINT NOT NULL, PRIMARY KEY (experiment, arm))",
            "CREATE TABLE rollup_unit (experiment TEXT NOT NULL, arm TEXT NOT NULL, unit_hash TEXT NOT NULL, PRIMARY KEY (experiment, arm, unit_hash))",
            "CREATE TABLE rollup_model (experiment TEXT NOT NULL, arm TEXT NOT NULL, model TEXT NOT NULL, model_version INTEGER NOT NULL, requests BIGINT NOT NULL, PRIMARY KEY (experiment, arm, model, model_version))",
            "CREATE TABLE rollup_traffic (experiment TEXT NOT NULL, arm TEXT NOT NULL, minute_ms BIGINT NOT NULL, requests BIGINT NOT NULL, PRIMARY KEY (experiment, arm, minute_ms))",
            "CREATE TABLE rollup_latency_bin (experiment TEXT NOT NULL, arm TEXT NOT NULL, bin INTEGER NOT NULL, requests BIGINT NOT NULL, PRIMARY KEY (experiment, arm, bin))",
            "CREATE TABLE rollup_unit_task (experiment TEXT NOT NULL, arm TEXT NOT NULL, unit_hash TEXT NOT NULL, task TEXT NOT NULL, n BIGINT NOT NULL, y BIGINT NOT NULL, PRIMARY KEY (experiment, arm, unit_hash, task))",
            """
            CREATE TABLE rollup_task (
                experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL,
                units BIGINT NOT NULL, sum_y DOUBLE PRECISION NOT NULL, sum_n DOUBLE PRECISION NOT NULL,
                sum_yy DOUBLE PRECISION NOT NULL, sum_nn DOUBLE PRECISION NOT NULL, sum_yn DOUBLE PRECISION NOT NULL,
                sum_predicted DOUBLE PRECISION NOT NULL, predicted BIGINT NOT NULL,
                PRIMARY KEY (experiment, arm, task))
            """,
            "CREATE TABLE rollup_prediction_bin (experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL, bin INTEGER NOT NULL, positives BIGINT NOT NULL, negatives BIGINT NOT NULL, PRIMARY KEY (experiment, arm, task, bin))",
            "CREATE TABLE rollup_gate (experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL, task_index INTEGER NOT NULL, items BIGINT NOT NULL, concentrated DOUBLE PRECISION NOT NULL, candidates BIGINT NOT NULL, PRIMARY KEY (experiment, arm, task))",
            "CREATE TABLE rollup_gate_expert (experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL, expert INTEGER NOT NULL, weighted DOUBLE PRECISION NOT NULL, PRIMARY KEY (experiment, arm, task, expert))",
        ],

        // Version 4: what CUPED and a short run's traffic chart need. rollup_experiment holds each experiment's start
        // (its first analysed exposure); rollup_preperiod each enrolled unit's labeled impressions and positives per
        // task from exposures served to it before that start (any arm, any experiment but this one, feedback also
        // timed before the start); rollup_task_covariate the per-arm CUPED sums over units with n > 0 of x (the
        // unit's pre-period rate) and m (1 when it has none); rollup_traffic_fine requests per 5 s during the
        // experiment's first hour, so it stays bounded. The INSERTs rebuild all four from the raw rows of a store
        // that had data before this version, with the definitions the write path maintains them by (PreperiodRollup).
        [
            "CREATE INDEX ix_exposures_unit ON exposures (unit_hash, time_ms)",
            "CREATE TABLE rollup_experiment (experiment TEXT PRIMARY KEY, started_ms BIGINT NOT NULL)",
            "CREATE TABLE rollup_preperiod (experiment TEXT NOT NULL, unit_hash TEXT NOT NULL, task TEXT NOT NULL, n BIGINT NOT NULL, y BIGINT NOT NULL, PRIMARY KEY (experiment, unit_hash, task))",
            """
            CREATE TABLE rollup_task_covariate (
                experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL,
                sum_x DOUBLE PRECISION NOT NULL, sum_xx DOUBLE PRECISION NOT NULL, sum_xy DOUBLE PRECISION NOT NULL, sum_xn DOUBLE PRECISION NOT NULL,
                missing DOUBLE PRECISION NOT NULL, missing_y DOUBLE PRECISION NOT NULL, missing_n DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (experiment, arm, task))
            """,
            "CREATE TABLE rollup_traffic_fine (experiment TEXT NOT NULL, arm TEXT NOT NULL, bucket_ms BIGINT NOT NULL, requests BIGINT NOT NULL, PRIMARY KEY (experiment, arm, bucket_ms))",
            $"INSERT INTO rollup_experiment (experiment, started_ms) SELECT experiment, MIN(time_ms) FROM exposures WHERE experiment IS NOT NULL AND enrolled = 1 AND reason = '{HashReason}' GROUP BY experiment",
            """
            INSERT INTO rollup_preperiod (experiment, unit_hash, task, n, y)
            SELECT u.experiment, u.unit_hash, o.task, COUNT(*), SUM(o.outcome)
            FROM (SELECT DISTINCT experiment, unit_hash FROM rollup_unit) u
            JOIN rollup_experiment s ON s.experiment = u.experiment
            JOIN exposures e ON e.unit_hash = u.unit_hash AND e.time_ms < s.started_ms AND (e.experiment IS NULL OR e.experiment <> u.experiment)
            JOIN feedback f ON f.request_id = e.request_id AND f.time_ms < s.started_ms
            JOIN exposure_items i ON i.request_id = f.request_id AND i.item_id = f.item_id
            JOIN feedback_outcomes o ON o.request_id = f.request_id AND o.item_id = f.item_id
            GROUP BY u.experiment, u.unit_hash, o.task
            """,
            """
            INSERT INTO rollup_task_covariate (experiment, arm, task, sum_x, sum_xx, sum_xy, sum_xn, missing, missing_y, missing_n)
            SELECT experiment, arm, task, SUM(x), SUM(x * x), SUM(x * y), SUM(x * n), SUM(m), SUM(m * y), SUM(m * n)
            FROM (
                SELECT t.experiment, t.arm, t.task, CAST(t.n AS DOUBLE PRECISION) AS n, CAST(t.y AS DOUBLE PRECISION) AS y,
                       CASE WHEN p.n > 0 THEN CAST(p.y AS DOUBLE PRECISION) / p.n ELSE 0 END AS x,
                       CASE WHEN p.n > 0 THEN 0.0 ELSE 1.0 END AS m
                FROM rollup_unit_task t
                LEFT JOIN rollup_preperiod p ON p.experiment = t.experiment AND p.unit_hash = t.unit_hash AND p.task = t.task
                WHERE t.n > 0) c
            GROUP BY experiment, arm, task
            """,
            $"""
            INSERT INTO rollup_traffic_fine (experiment, arm, bucket_ms, requests)
            SELECT e.experiment, e.arm, e.time_ms - (e.time_ms % {FineTrafficRollup.BucketMs}), COUNT(*)
            FROM exposures e JOIN rollup_experiment s ON s.experiment = e.experiment
            WHERE e.enrolled = 1 AND e.reason = '{HashReason}' AND e.time_ms < s.started_ms + {FineTrafficRollup.WindowMs}
            GROUP BY e.experiment, e.arm, e.time_ms - (e.time_ms % {FineTrafficRollup.BucketMs})
            """,
        ],

        // Version 5, interleaving: the team that placed each shown item (NULL outside interleaving experiments); per unit and task
        // the positives each team's items earned (the credit); and per arm and task the sums over units of the credit
        // difference d = treatment - control that the preference statistics need (units preferring each team, Σd, Σd²).
        [
            "ALTER TABLE exposure_items ADD COLUMN team TEXT NULL",
            "CREATE TABLE rollup_unit_credit (experiment TEXT NOT NULL, arm TEXT NOT NULL, unit_hash TEXT NOT NULL, task TEXT NOT NULL, treatment BIGINT NOT NULL, control BIGINT NOT NULL, PRIMARY KEY (experiment, arm, unit_hash, task))",
            "CREATE TABLE rollup_preference (experiment TEXT NOT NULL, arm TEXT NOT NULL, task TEXT NOT NULL, prefer_treatment DOUBLE PRECISION NOT NULL, prefer_control DOUBLE PRECISION NOT NULL, sum_d DOUBLE PRECISION NOT NULL, sum_dd DOUBLE PRECISION NOT NULL, PRIMARY KEY (experiment, arm, task))",
        ],

        // Version 6: an exposure's shown items in one JSON value on its own row (ShownItemsJson), instead of a row per
        // item in exposure_items and per item and task in exposure_predictions. The store packs the rows already
        // stored into it in code right after this script (PackedItemsVersion); NULL means the exposure showed nothing.
        [
            "ALTER TABLE exposures ADD COLUMN items TEXT NULL",
        ],

        // Version 7: the item tables version 6 packed are dropped.
        [
            "DROP TABLE exposure_predictions",
            "DROP TABLE exposure_items",
        ],
    ];

    private const string HashReason = nameof(Serving.Routing.AssignmentReason.Hash);

    /// <summary>
    /// Version 3 rebuilds the rollups from the raw rows after its script (the store does it in code, with the
    /// same functions that maintain them on write).
    /// </summary>
    public const int RollupVersion = 3;

    /// <summary>Version 4 adds the pre-period (CUPED) and fine-traffic rollups and rebuilds them in SQL.</summary>
    public const int PreperiodVersion = 4;

    /// <summary>Version 6 packs the stored item rows into <c>exposures.items</c> (the store does it in code, after its script).</summary>
    public const int PackedItemsVersion = 6;

    /// <summary>
    /// The prediction columns of <c>exposure_items</c> in versions 1 and 2, each named after the task it held. Version 3
    /// copies them into per-task rows under that name and never writes them again.
    /// </summary>
    public static IReadOnlyList<string> LegacyPredictionColumns => ["ctr", "satisfaction"];

    /// <summary>The outcome columns of the version 2 feedback table (now <c>feedback_v2</c>), mapped to tasks by <c>Feedback:Fields</c>.</summary>
    public static IReadOnlyList<string> LegacyOutcomeColumns => ["clicked", "satisfied"];
}
