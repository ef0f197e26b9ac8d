using System.Data.Common;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// What every store must do, run against SQLite and PostgreSQL by <see cref="SqliteExperimentStoreTests"/> and
/// <see cref="PostgresExperimentStoreTests"/>. Each method gets a factory of stores over one fresh, empty database
/// and a <see cref="StoreDatabase"/> reading that database directly.
/// </summary>
public static class ExperimentStoreContract
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The committed models' task names, as appsettings.json maps the feedback fields to them.</summary>
    public static readonly string[] Tasks = ["ctr", "satisfaction"];

    public static OutcomeFieldOptions DefaultFields()
    {
        var fields = new OutcomeFieldOptions();
        fields.Fields["clicked"] = new OutcomeField { Task = "ctr", Required = true };
        fields.Fields["satisfied"] = new OutcomeField { Task = "satisfaction", Requires = "clicked" };
        return fields;
    }

    public static async Task SchemaCreation_IsIdempotent(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        var first = newStore();
        await first.InitializeAsync(default);
        await first.InitializeAsync(default);
        Assert.Equal(1, await first.WriteExposuresAsync([Exposure("r1", "ab", "treatment", "A", T0, Item("i1", 1, 0.2f, 0.1f))], default));

        // A second store (another process or replica) over the same database finds the schema and keeps the data.
        var second = newStore();
        await second.InitializeAsync(default);

        Assert.NotNull(await database.FindExposureAsync("r1"));
        Assert.Equal(1, Assert.Single(await second.ReadArmObservationsAsync("ab", default)).Requests);
        await DisposeAsync(first, second);
    }

    public static async Task ExposureAndFeedback_RoundTrip(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        var store = newStore();
        var exposure = Exposure("r1", "ab", "treatment", "unit-hash-a", T0.AddSeconds(10), Item("i1", 1, 0.2f, 0.1f), Item("i2", 2, 0.1f, 0.05f)) with
        {
            ModelVersion = 2, LatencyMs = 4.5,
        };

        Assert.Equal(1, await store.WriteExposuresAsync([exposure], default));
        Assert.Equal(0, await store.WriteExposuresAsync([exposure], default));          // the same request id again is skipped
        var result = await store.WriteFeedbackAsync([Feedback("r1", "i1", true, true, T0.AddSeconds(11))], default);

        Assert.Equal(new FeedbackWriteResult(1, 0), result);
        Assert.Equal(
            new StoredExposure("r1", "ab", "treatment", true, AssignmentReason.Hash, "unit-hash-a", "mmoe", 2, 2, 200, 4.5, T0.AddSeconds(10)),
            await database.FindExposureAsync("r1"));
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        Assert.Equal((1L, 1L, 1L), (Task(arm, "ctr").Outcomes.Positives, Task(arm, "ctr").Outcomes.Labeled, Task(arm, "satisfaction").Outcomes.Positives));
        await DisposeAsync(store);
    }

    public static async Task OrphanedFeedback_IsKeptCountedAndAdoptedLater(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        var store = newStore();
        await store.WriteExposuresAsync([Exposure("r1", "ab", "treatment", "A", T0, Item("i1", 1, 0.2f, 0.1f))], default);

        var result = await store.WriteFeedbackAsync(
        [
            Feedback("r1", "i1", true, false, T0),
            Feedback("unknown-request", "i1", true, false, T0),
            Feedback("r1", "unknown-item", false, false, T0),
        ], default);

        Assert.Equal(new FeedbackWriteResult(3, 2), result);
        Assert.Equal(2, await database.CountOrphanedFeedbackAsync());
        Assert.Equal(1, Task(Assert.Single(await store.ReadArmObservationsAsync("ab", default)), "ctr").Outcomes.Labeled);

        // The exposure arriving later (it was still queued) adopts its feedback, in the rollups too.
        await store.WriteExposuresAsync([Exposure("unknown-request", "ab", "treatment", "B", T0, Item("i1", 1, 0.3f, 0.1f))], default);
        Assert.Equal(1, await database.CountOrphanedFeedbackAsync());
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        Assert.Equal(new TaskOutcomes(2, 2, 0.5, 2), Task(arm, "ctr").Outcomes with { SumPredicted = Math.Round(Task(arm, "ctr").Outcomes.SumPredicted, 6) });
        Assert.Equal(new UnitMoments(2, 2, 2, 2, 2, 2), Task(arm, "ctr").ByUnit);
        StoreDatabase.AssertSame(await database.RecomputeAsync("ab"), await store.ReadArmObservationsAsync("ab", default));
        await DisposeAsync(store);
    }

    /// <summary>
    /// A small seeded experiment whose figures are worked out by hand in the comments below.
    /// Treatment: units A (r1, r2), B (r3), C (r4, failed); control: unit D (r5). Excluded from the analysis:
    /// r6 (not enrolled), r7 (override), r8 (another experiment).
    /// </summary>
    public static async Task ArmObservations_MatchHandComputedFigures(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        var store = newStore();
        await SeedAsync(store);

        var arms = await store.ReadArmObservationsAsync("ab", default);

        Assert.Equal(["control", "treatment"], arms.Select(a => a.Arm));
        var control = arms[0];
        Assert.Equal(("shared-bottom", 1L, 1L, 0L, 2L), (control.Model, control.EnrolledUnits, control.Requests, control.FailedRequests, control.Impressions));
        Assert.Equal([1], control.ModelVersions);
        AssertOutcomes(new TaskOutcomes(1, 1, 0.5, 1), Task(control, "ctr").Outcomes);
        AssertOutcomes(new TaskOutcomes(1, 1, 0.25, 1), Task(control, "satisfaction").Outcomes);
        Assert.Equal(new UnitMoments(1, 1, 1, 1, 1, 1), Task(control, "ctr").ByUnit);
        Assert.Equal([new LabeledBin(PredictionBins.Of(0.5f), 1, 0)], Task(control, "ctr").Predictions);
        Assert.Equal([new HistogramBin(LatencyBins.Of(3), 1)], control.Latency);
        // Within the experiment's first hour traffic comes in 5 s buckets: r5 at 15 s.
        Assert.Equal(5, control.TrafficBucketSeconds);
        Assert.Equal([new TrafficBucket(T0.AddSeconds(15), 1)], control.Traffic);
        Assert.Empty(control.Gates);

        var treatment = arms[1];
        // Requests r1..r4 of units A, B, C; r4 failed; impressions 2 + 1 + 1 + 0.
        Assert.Equal(("mmoe", 3L, 4L, 1L, 4L), (treatment.Model, treatment.EnrolledUnits, treatment.Requests, treatment.FailedRequests, treatment.Impressions));
        Assert.Equal([1, 2], treatment.ModelVersions);
        // Labeled: r1/i1 (click, satisfied), r1/i2 (no click: latest event), r2/i1 (click), r3/i3 (no click).
        // Predicted ctr 0.2 + 0.1 + 0.3 + 0.4 = 1.0; satisfaction 0.1 + 0.05 + 0.2 + 0.3 = 0.65.
        AssertOutcomes(new TaskOutcomes(2, 4, 1.0, 4), Task(treatment, "ctr").Outcomes);
        AssertOutcomes(new TaskOutcomes(1, 4, 0.65, 4), Task(treatment, "satisfaction").Outcomes);
        // Per unit: A has y = 2 clicks over n = 3 labeled, B has y = 0 over n = 1.
        // Units 2, ΣY 2, ΣN 4, ΣY² 4, ΣN² 9 + 1 = 10, ΣYN 6; satisfaction: A y = 1, so ΣY 1, ΣY² 1, ΣYN 3.
        Assert.Equal(new UnitMoments(2, 2, 4, 4, 10, 6), Task(treatment, "ctr").ByUnit);
        Assert.Equal(new UnitMoments(2, 1, 4, 1, 10, 3), Task(treatment, "satisfaction").ByUnit);
        // Every labeled prediction, binned: 0.1 (no), 0.2 (yes), 0.3 (yes), 0.4 (no); the exact AUC is 0.5 and the bins keep it.
        Assert.Equal(4, Task(treatment, "ctr").Predictions.Sum(b => b.Positives + b.Negatives));
        Assert.Equal(0.5, MmoeService.ExperimentPlatform.Scorecards.RankAuc.FromBins(Task(treatment, "ctr").Predictions));
        Assert.Equal([1, 5, 7, 9], treatment.Latency.SelectMany(b => Enumerable.Repeat(b.Bin, (int)b.Count)).Select(b => (int)Math.Round(LatencyBins.Middle(b))));
        Assert.Equal([10, 20, 30, 70], treatment.Traffic.Select(b => (int)(b.Start - T0).TotalSeconds));
        Assert.All(treatment.Traffic, b => Assert.Equal(1, b.Requests));
        // Gates weighted by items (2, 1, 1 of 4): ctr (1.2 + 0.2 + 1) / 4 = 0.6 and 0.4; satisfaction (0.6 + 0.5 + 0) / 4 = 0.275 and 0.725.
        Assert.Equal(Tasks, treatment.Gates.Select(g => g.Task));
        Assert.Equal([0.6, 0.4, 0.275, 0.725], treatment.Gates.SelectMany(g => g.MeanWeights).Select(v => Math.Round(v, 5)));
        // Concentrated share weighted by scored candidates (10, 4, 6 of 20), not by requests or returned items:
        // ctr (5 + 1 + 6) / 20 = 0.6; satisfaction (0 + 4 + 6) / 20 = 0.5 (by requests it would be 0.583 and 0.667).
        Assert.Equal([0.6, 0.5], treatment.Gates.Select(g => Math.Round(g.ConcentratedShare!.Value, 6)));

        // Orphans: none of the above (r6, r7, r8 have exposures, they are only outside the analysis).
        Assert.Equal(0, await database.CountOrphanedFeedbackAsync());
        StoreDatabase.AssertSame(await database.RecomputeAsync("ab"), arms);
        await DisposeAsync(store);
    }

    /// <summary>
    /// A database left at schema version 2 by the previous release, with exposures, items and feedback in the old
    /// columns: the store migrates it at start, rebuilds the rollups once from those rows (the same figures the
    /// seeded experiment gives when written today), keeps every raw row, and a second start changes nothing.
    /// </summary>
    public static async Task SchemaVersion2_MigratesAndRebuildsRollupsOnce(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        await CreateVersionAsync(database, 2);
        await database.ExecuteAsync("""
            INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks, item_count, mean_gates,
                                   status_code, latency_ms, time_ms, candidate_count, concentrated_share) VALUES
            ('r1', 'ab', 'treatment', 1, 'Hash', 'A', 'mmoe', 1, 'ctr,satisfaction', 2, '[[0.6,0.4],[0.3,0.7]]', 200, 5, 1767225610000, 10, '[0.5,0]'),
            ('r3', 'ab', 'treatment', 1, 'Hash', 'B', 'mmoe', 2, 'ctr,satisfaction', 1, NULL, 200, 9, 1767225620000, NULL, NULL),
            ('r5', 'ab', 'control', 1, 'Hash', 'D', 'shared-bottom', 1, 'ctr,satisfaction', 1, NULL, 200, 3, 1767225615000, NULL, NULL),
            ('r6', 'ab', 'control', 0, 'NotEnrolled', 'E', 'shared-bottom', 1, 'ctr,satisfaction', 1, NULL, 200, 3, 1767225616000, NULL, NULL)
            """);
        await database.ExecuteAsync("""
            INSERT INTO exposure_items (request_id, item_id, item_rank, ctr, satisfaction, score) VALUES
            ('r1', 'i1', 1, 0.2, 0.1, 0.02), ('r1', 'i2', 2, 0.1, 0.05, 0.005), ('r3', 'i3', 1, 0.4, 0.3, 0.12),
            ('r5', 'i1', 1, 0.5, 0.25, 0.125), ('r6', 'i1', 1, 0.5, 0.25, 0.125)
            """);
        await database.ExecuteAsync("""
            INSERT INTO feedback (request_id, item_id, clicked, satisfied, time_ms, received_ms) VALUES
            ('r1', 'i1', 1, 1, 1767225611000, 1767225611000), ('r1', 'i2', 0, 0, 1767225613000, 1767225613000),
            ('r3', 'i3', 0, 0, 1767225621000, 1767225621000), ('r5', 'i1', 1, 0, 1767225616000, 1767225616000),
            ('r6', 'i1', 1, 1, 1767225617000, 1767225617000), ('r9', 'i1', 1, 1, 1767225617000, 1767225617000)
            """);

        var store = newStore();
        await store.InitializeAsync(default);
        var arms = await store.ReadArmObservationsAsync("ab", default);

        var treatment = arms.Single(a => a.Arm == "treatment");
        Assert.Equal((2L, 2L, 3L), (treatment.EnrolledUnits, treatment.Requests, treatment.Impressions));
        // Labeled: r1/i1 click + satisfied, r1/i2 nothing, r3/i3 nothing; unit A (y 1, n 2), unit B (y 0, n 1).
        Assert.Equal(new UnitMoments(2, 1, 3, 1, 5, 2), Task(treatment, "ctr").ByUnit);
        Assert.Equal(new UnitMoments(2, 1, 3, 1, 5, 2), Task(treatment, "satisfaction").ByUnit);
        AssertOutcomes(new TaskOutcomes(1, 3, 0.7, 3), Task(treatment, "ctr").Outcomes);
        Assert.Equal([0.6, 0.4], treatment.Gates[0].MeanWeights.Select(v => Math.Round(v, 5)));
        Assert.Equal(0.5, treatment.Gates[0].ConcentratedShare!.Value, 6);
        AssertOutcomes(new TaskOutcomes(1, 1, 0.5, 1), Task(arms.Single(a => a.Arm == "control"), "ctr").Outcomes);
        StoreDatabase.AssertSame(await database.RecomputeAsync("ab"), arms);

        // Nothing lost: every raw exposure and feedback row is still there (r9 stays orphaned).
        Assert.NotNull(await database.FindExposureAsync("r6"));
        Assert.Equal(1, await database.CountOrphanedFeedbackAsync());

        // A second start finds version 3 and neither migrates nor rebuilds: the rollups are unchanged, not doubled.
        var again = newStore();
        await again.InitializeAsync(default);
        StoreDatabase.AssertSame(arms, await again.ReadArmObservationsAsync("ab", default));
        await DisposeAsync(store, again);
    }

    /// <summary>
    /// A database left at schema version 1 (before the concentrated share): migrated through 2 to 3, the old exposure
    /// kept, and the arm's share comes from the exposures that recorded one, weighted by candidates.
    /// </summary>
    public static async Task SchemaVersion1_MigratesAndKeepsOlderExposures(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        await CreateVersionAsync(database, 1);
        await database.ExecuteAsync("""
            INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks,
                                   item_count, mean_gates, status_code, latency_ms, time_ms)
            VALUES ('old', 'ab', 'treatment', 1, 'Hash', 'A', 'mmoe', 1, 'ctr,satisfaction', 1, '[[0.5,0.5],[0.5,0.5]]', 200, 2.0, 1767225600000)
            """);
        await database.ExecuteAsync("INSERT INTO exposure_items (request_id, item_id, item_rank, ctr, satisfaction, score) VALUES ('old', 'i1', 1, 0.2, 0.1, 0.02)");

        var store = newStore();
        await store.InitializeAsync(default);
        await store.WriteExposuresAsync(
        [
            Exposure("new", "ab", "treatment", "B", T0, Item("i1", 1, 0.2f, 0.1f)) with
            {
                MeanGates = [[0.9f, 0.1f], [0.1f, 0.9f]], ConcentratedShare = [0.25f, 0.75f], Candidates = 8,
            },
        ], default);

        Assert.NotNull(await database.FindExposureAsync("old"));
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        Assert.Equal(2, arm.Requests);
        // Mean gates over both exposures (one item each); the share only over the new one's 8 candidates.
        Assert.Equal([0.7, 0.3], arm.Gates[0].MeanWeights.Select(v => Math.Round(v, 5)));
        Assert.Equal([0.25, 0.75], arm.Gates.Select(g => Math.Round(g.ConcentratedShare!.Value, 6)));
        await DisposeAsync(store);
    }

    /// <summary>
    /// A database at schema version 5 (items and predictions in rows of their own): the migration packs each
    /// exposure's rows into <c>exposures.items</c> (rank order, team, a task without a prediction left out) and
    /// drops the item tables; feedback arriving afterwards finds the packed item and is labeled with its stored
    /// prediction, and feedback on an item the exposure did not show stays orphaned. (The rows are inserted by hand,
    /// without the rollups a version 5 store would have, so only the labels added here are compared.)
    /// </summary>
    public static async Task SchemaVersion5_PacksItemRowsIntoExposures(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        await CreateVersionAsync(database, 5);
        await database.ExecuteAsync("""
            INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks, item_count, mean_gates,
                                   status_code, latency_ms, time_ms, candidate_count, concentrated_share) VALUES
            ('r1', 'ab', 'treatment', 1, 'Hash', 'A', 'mmoe', 1, 'ctr,satisfaction', 2, NULL, 200, 5, 1767225610000, 2, NULL),
            ('r2', 'ab', 'control', 1, 'Hash', 'B', 'shared-bottom', 1, 'ctr,satisfaction', 0, NULL, 503, 1, 1767225611000, 0, NULL)
            """);
        await database.ExecuteAsync("""
            INSERT INTO exposure_items (request_id, item_id, item_rank, score, team) VALUES
            ('r1', 'i2', 2, 0.005, 'Control'), ('r1', 'i1', 1, 0.02, 'Treatment')
            """);
        await database.ExecuteAsync("""
            INSERT INTO exposure_predictions (request_id, item_id, task, prediction) VALUES
            ('r1', 'i1', 'ctr', 0.25), ('r1', 'i1', 'satisfaction', 0.5), ('r1', 'i2', 'ctr', 0.125)
            """);

        var store = newStore();
        await store.InitializeAsync(default);

        var items = (await database.ReadItemsAsync()).ToArray();
        Assert.Equal(["i1", "i2"], items.Select(i => i.Item));
        Assert.All(items, i => Assert.Equal("r1", i.Request));
        Assert.Equal([1, 2], items.Select(i => i.Rank));
        Assert.Equal([0.02, 0.005], items.Select(i => i.Score));
        Assert.Equal(["Treatment", "Control"], items.Select(i => i.Team));
        Assert.Equal(new Dictionary<string, double> { ["ctr"] = 0.25, ["satisfaction"] = 0.5 }, items[0].Predictions);
        Assert.Equal(new Dictionary<string, double> { ["ctr"] = 0.125 }, items[1].Predictions);
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync("SELECT 1 FROM exposure_items"));

        var result = await store.WriteFeedbackAsync(
            [Feedback("r1", "i2", clicked: true, satisfied: false, T0.AddSeconds(20)), Feedback("r1", "i9", clicked: true, satisfied: true, T0.AddSeconds(20))], default);
        Assert.Equal(1, result.Orphaned);
        var treatment = (await store.ReadArmObservationsAsync("ab", default)).Single(a => a.Arm == "treatment");
        AssertOutcomes(new TaskOutcomes(1, 1, 0.125, 1), Task(treatment, "ctr").Outcomes);
        AssertOutcomes(new TaskOutcomes(0, 1, 0, 0), Task(treatment, "satisfaction").Outcomes);
        await DisposeAsync(store);
    }

    /// <summary>
    /// CUPED through the store: units first get feedback outside the experiment (and in an older one), then the
    /// experiment starts. The store's covariate sums equal a recomputation from the raw rows, the scorecard's adjusted
    /// lift equals the treatment coefficient of y ~ 1 + treatment + x + m fitted here (one labeled impression per
    /// unit, equal arms), and re-running the version 4 script over the raw rows rebuilds the same sums.
    /// </summary>
    public static async Task Cuped_PreperiodThenExperiment_MatchesRegression(Func<ExperimentStore> newStore, StoreDatabase database)
    {
        var store = newStore();
        var start = T0.AddHours(1);

        // Per unit: pre-period (clicks, impressions) or none, then its one in-experiment click.
        (string Arm, int Clicks, int Shown, bool Click)[] units =
        [
            ("control", 1, 2, true), ("control", 0, 3, false), ("control", 2, 2, true), ("control", 1, 4, false), ("control", 0, 0, false), ("control", 0, 0, true),
            ("treatment", 2, 3, true), ("treatment", 0, 2, false), ("treatment", 1, 1, true), ("treatment", 3, 4, true), ("treatment", 0, 0, false), ("treatment", 0, 0, true),
        ];
        var history = new List<ExposureEvent>();
        var historyFeedback = new List<FeedbackEvent>();
        for (var u = 0; u < units.Length; u++)
        {
            for (var i = 0; i < units[u].Shown; i++)
            {
                var id = $"pre-{u}-{i}";
                history.Add(Exposure(id, i % 2 == 0 ? null : "older", "mmoe", "U" + u, T0.AddMinutes(i), Item("p", 1, 0.3f, 0.2f)));
                historyFeedback.Add(Feedback(id, "p", i < units[u].Clicks, false, T0.AddMinutes(i).AddSeconds(5)));
            }
        }

        // Pre-period noise that must not count: feedback timed after the start, and a later exposure outside the experiment.
        history.Add(Exposure("late", null, "mmoe", "U0", T0.AddMinutes(50), Item("p", 1, 0.3f, 0.2f)));
        historyFeedback.Add(Feedback("late", "p", false, false, start.AddMinutes(1)));
        await store.WriteExposuresAsync(history, default);
        await store.WriteFeedbackAsync(historyFeedback, default);
        await store.WriteExposuresAsync([Exposure("after", null, "mmoe", "U1", start.AddMinutes(2), Item("p", 1, 0.3f, 0.2f))], default);
        await store.WriteFeedbackAsync([Feedback("after", "p", true, true, start.AddMinutes(2).AddSeconds(1))], default);

        await store.WriteExposuresAsync(units.Select((x, u) => Exposure($"x-{u}", "ab", x.Arm, "U" + u, start.AddSeconds(u), Item("e", 1, 0.3f, 0.2f))).ToArray(), default);
        await store.WriteFeedbackAsync(units.Select((x, u) => Feedback($"x-{u}", "e", x.Click, false, start.AddSeconds(u + 30))).ToArray(), default);

        var arms = await store.ReadArmObservationsAsync("ab", default);
        StoreDatabase.AssertSame(await database.RecomputeAsync("ab"), arms);

        var card = MmoeService.ExperimentPlatform.Scorecards.ScorecardCalculator.Compute(
            new("ab", "running", 100, "control", [new("control", "mmoe", 50), new("treatment", "mmoe", 50)]), arms,
            new Dictionary<string, MmoeService.ExperimentPlatform.Scorecards.GateBaseline>(), Tasks, start);
        var cuped = card.Comparisons.Single().Tasks.Single(t => t.Task == "ctr").Cuped!;
        (double Y, double? X) AsRow((string Arm, int Clicks, int Shown, bool Click) x) => (x.Click ? 1 : 0, x.Shown > 0 ? (double)x.Clicks / x.Shown : null);
        var beta = MmoeService.Api.Tests.Statistics.CupedTests.Regression(
            units.Where(x => x.Arm == "control").Select(AsRow).ToArray(), units.Where(x => x.Arm == "treatment").Select(AsRow).ToArray());
        Assert.Equal(beta[1], cuped.Absolute, 10);
        Assert.Equal(beta[2], cuped.Theta, 10);
        Assert.Equal(8.0 / 12, cuped.PreperiodShare, 10);

        // The migration's rebuild from raw rows gives the same sums as the write path maintained.
        foreach (var statement in new[]
        {
            "DROP TABLE rollup_experiment", "DROP TABLE rollup_preperiod", "DROP TABLE rollup_task_covariate", "DROP TABLE rollup_traffic_fine",
            "DROP INDEX ix_exposures_unit",

            // The later interleaving script is undone too, so the migration starts again at version 4.
            "DROP TABLE rollup_unit_credit", "DROP TABLE rollup_preference",
            $"DELETE FROM schema_version WHERE version >= {ExperimentSchema.PreperiodVersion}",
        })
        {
            await database.ExecuteAsync(statement);
        }

        // And the packed items (versions 6 and 7), so version 4's SQL finds the item rows it reads; version 6 packs them again.
        await database.UnpackItemsAsync();

        var migrated = newStore();
        await migrated.InitializeAsync(default);
        StoreDatabase.AssertSame(arms, await migrated.ReadArmObservationsAsync("ab", default));
        await DisposeAsync(store, migrated);
    }

    /// <summary>Writes the hand-computed experiment of <see cref="ArmObservations_MatchHandComputedFigures"/>.</summary>
    public static async Task SeedAsync(IExperimentStore store)
    {
        float[][] g1 = [[0.6f, 0.4f], [0.3f, 0.7f]], g2 = [[0.2f, 0.8f], [0.5f, 0.5f]], g3 = [[1f, 0f], [0f, 1f]];
        await store.WriteExposuresAsync(
        [
            Exposure("r1", "ab", "treatment", "A", T0.AddSeconds(10), Item("i1", 1, 0.2f, 0.1f), Item("i2", 2, 0.1f, 0.05f)) with { LatencyMs = 5, ModelVersion = 1, MeanGates = g1, ConcentratedShare = [0.5f, 0f], Candidates = 10 },
            Exposure("r2", "ab", "treatment", "A", T0.AddSeconds(70), Item("i1", 1, 0.3f, 0.2f)) with { LatencyMs = 7, MeanGates = g2, ConcentratedShare = [0.25f, 1f], Candidates = 4 },
            Exposure("r3", "ab", "treatment", "B", T0.AddSeconds(20), Item("i3", 1, 0.4f, 0.3f)) with { LatencyMs = 9, MeanGates = g3, ConcentratedShare = [1f, 1f], Candidates = 6 },
            Exposure("r4", "ab", "treatment", "C", T0.AddSeconds(30)) with { LatencyMs = 1, StatusCode = 503 },
            Exposure("r5", "ab", "control", "D", T0.AddSeconds(15), Item("i1", 1, 0.5f, 0.25f), Item("i2", 2, 0.05f, 0.01f)) with { LatencyMs = 3, Model = "shared-bottom", ModelVersion = 1 },
            Exposure("r6", "ab", "control", "E", T0.AddSeconds(16), Item("i1", 1, 0.5f, 0.25f)) with { Enrolled = false, Reason = AssignmentReason.NotEnrolled, Model = "shared-bottom" },
            Exposure("r7", "ab", "treatment", "F", T0.AddSeconds(17), Item("i1", 1, 0.5f, 0.25f)) with { Reason = AssignmentReason.Override },
            Exposure("r8", "zz", "treatment", "G", T0.AddSeconds(18), Item("i1", 1, 0.5f, 0.25f)),
        ], default);
        await store.WriteFeedbackAsync(
        [
            Feedback("r1", "i1", true, true, T0.AddSeconds(11)),
            Feedback("r1", "i2", true, false, T0.AddSeconds(12)),
            Feedback("r1", "i2", false, false, T0.AddSeconds(13)),       // later: replaces the click
            Feedback("r2", "i1", true, false, T0.AddSeconds(71)),
            Feedback("r3", "i3", false, false, T0.AddSeconds(21)),
            Feedback("r5", "i1", true, true, T0.AddSeconds(16)),
            Feedback("r6", "i1", true, true, T0.AddSeconds(17)),
            Feedback("r7", "i1", true, true, T0.AddSeconds(18)),
            Feedback("r8", "i1", true, true, T0.AddSeconds(19)),
        ], default);
        await store.WriteFeedbackAsync([Feedback("r1", "i2", true, true, T0.AddSeconds(11.5))], default);   // older: ignored
    }

    public static ExposureEvent Exposure(string requestId, string? experiment, string arm, string unit, DateTimeOffset time, params ShownItem[] items) =>
        new(requestId, experiment, arm, true, AssignmentReason.Hash, unit, "mmoe", 2, Tasks, items, null, null, 0, 200, 2.0, time);

    public static ShownItem Item(string itemId, int rank, float ctr, float satisfaction) => new(itemId, rank, [ctr, satisfaction], ctr * satisfaction);

    /// <summary>Feedback as the default field mapping turns clicked and satisfied into outcomes.</summary>
    public static FeedbackEvent Feedback(string requestId, string itemId, bool clicked, bool satisfied, DateTimeOffset time) =>
        new(requestId, itemId, new Dictionary<string, bool> { [Tasks[0]] = clicked, [Tasks[1]] = satisfied }, time);

    public static TaskObservations Task(ArmObservations arm, string task) => arm.Tasks.Single(t => t.Task == task);

    /// <summary>The schema scripts up to <paramref name="version"/>, applied as that release would have.</summary>
    private static async Task CreateVersionAsync(StoreDatabase database, int version)
    {
        await database.ExecuteAsync(ExperimentSchema.VersionTable);
        for (var v = 1; v <= version; v++)
        {
            foreach (var statement in ExperimentSchema.Migrations[v - 1])
            {
                await database.ExecuteAsync(statement);
            }

            await database.ExecuteAsync($"INSERT INTO schema_version (version, applied_ms) VALUES ({v}, 0)");
        }
    }

    private static void AssertOutcomes(TaskOutcomes expected, TaskOutcomes actual)
    {
        Assert.Equal((expected.Positives, expected.Labeled, expected.PredictedCount), (actual.Positives, actual.Labeled, actual.PredictedCount));
        Assert.Equal(expected.SumPredicted, actual.SumPredicted, 1e-6);
    }

    private static async Task DisposeAsync(params ExperimentStore[] stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
