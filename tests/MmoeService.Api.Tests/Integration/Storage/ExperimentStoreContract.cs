using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Integration.Storage;

/// <summary>
/// What every <see cref="IExperimentStore"/> must do, run against SQLite and PostgreSQL by
/// <see cref="SqliteExperimentStoreTests"/> and <see cref="PostgresExperimentStoreTests"/>.
/// Each method gets a factory of stores over one fresh, empty database.
/// </summary>
public static class ExperimentStoreContract
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task SchemaCreation_IsIdempotent(Func<IExperimentStore> newStore)
    {
        var first = newStore();
        await first.InitializeAsync(default);
        await first.InitializeAsync(default);
        Assert.Equal(1, await first.WriteExposuresAsync([Exposure("r1", "ab", "treatment", "A", T0, Item("i1", 1, 0.2f, 0.1f))], default));

        // A second store (another process or replica) over the same database finds the schema and keeps the data.
        var second = newStore();
        await second.InitializeAsync(default);

        Assert.NotNull(await second.FindExposureAsync("r1", default));
        Dispose(first, second);
    }

    public static async Task ExposureAndFeedback_RoundTrip(Func<IExperimentStore> newStore)
    {
        var store = newStore();
        var exposure = Exposure("r1", "ab", "treatment", "unit-hash-a", T0.AddSeconds(10), Item("i1", 1, 0.2f, 0.1f), Item("i2", 2, 0.1f, 0.05f)) with
        {
            ModelVersion = 2, LatencyMs = 4.5,
        };

        Assert.Equal(1, await store.WriteExposuresAsync([exposure], default));
        Assert.Equal(0, await store.WriteExposuresAsync([exposure], default));          // the same request id again is skipped
        var result = await store.WriteFeedbackAsync([new FeedbackEvent("r1", "i1", true, true, T0.AddSeconds(11))], default);

        Assert.Equal(new FeedbackWriteResult(1, 0), result);
        Assert.Equal(
            new StoredExposure("r1", "ab", "treatment", true, AssignmentReason.Hash, "unit-hash-a", "mmoe", 2, 2, 200, 4.5, T0.AddSeconds(10)),
            await store.FindExposureAsync("r1", default));
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        Assert.Equal((1L, 1L, 1L), (arm.Ctr.Positives, arm.Ctr.Labeled, arm.Satisfaction.Positives));
        Dispose(store);
    }

    public static async Task OrphanedFeedback_IsKeptAndCounted(Func<IExperimentStore> newStore)
    {
        var store = newStore();
        await store.WriteExposuresAsync([Exposure("r1", "ab", "treatment", "A", T0, Item("i1", 1, 0.2f, 0.1f))], default);

        var result = await store.WriteFeedbackAsync(
        [
            new FeedbackEvent("r1", "i1", true, false, T0),
            new FeedbackEvent("unknown-request", "i1", true, false, T0),
            new FeedbackEvent("r1", "unknown-item", false, false, T0),
        ], default);

        Assert.Equal(new FeedbackWriteResult(3, 2), result);
        Assert.Equal(2, await store.CountOrphanedFeedbackAsync(default));

        // The exposure arriving later (it was still queued) adopts its feedback.
        await store.WriteExposuresAsync([Exposure("unknown-request", "ab", "treatment", "B", T0, Item("i1", 1, 0.3f, 0.1f))], default);
        Assert.Equal(1, await store.CountOrphanedFeedbackAsync(default));
        Dispose(store);
    }

    /// <summary>
    /// A small seeded experiment whose figures are worked out by hand in the comments below.
    /// Treatment: units A (r1, r2), B (r3), C (r4, failed); control: unit D (r5). Excluded from the analysis:
    /// r6 (not enrolled), r7 (override), r8 (another experiment).
    /// </summary>
    public static async Task ArmObservations_MatchHandComputedFigures(Func<IExperimentStore> newStore)
    {
        var store = newStore();
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
            new FeedbackEvent("r1", "i1", true, true, T0.AddSeconds(11)),
            new FeedbackEvent("r1", "i2", true, false, T0.AddSeconds(12)),
            new FeedbackEvent("r1", "i2", false, false, T0.AddSeconds(13)),       // later: replaces the click
            new FeedbackEvent("r2", "i1", true, false, T0.AddSeconds(71)),
            new FeedbackEvent("r3", "i3", false, false, T0.AddSeconds(21)),
            new FeedbackEvent("r5", "i1", true, true, T0.AddSeconds(16)),
            new FeedbackEvent("r6", "i1", true, true, T0.AddSeconds(17)),
            new FeedbackEvent("r7", "i1", true, true, T0.AddSeconds(18)),
            new FeedbackEvent("r8", "i1", true, true, T0.AddSeconds(19)),
        ], default);
        await store.WriteFeedbackAsync([new FeedbackEvent("r1", "i2", true, true, T0.AddSeconds(11.5))], default);   // older: ignored

        var arms = await store.ReadArmObservationsAsync("ab", default);

        Assert.Equal(["control", "treatment"], arms.Select(a => a.Arm));
        var control = arms[0];
        Assert.Equal(("shared-bottom", 1L, 1L, 0L, 2L), (control.Model, control.EnrolledUnits, control.Requests, control.FailedRequests, control.Impressions));
        Assert.Equal([1], control.ModelVersions);
        AssertOutcomes(new TaskOutcomes(1, 1, 0.5, 1), control.Ctr);
        AssertOutcomes(new TaskOutcomes(1, 1, 0.25, 1), control.Satisfaction);
        Assert.Equal(new UnitMoments(1, 1, 1, 1, 1, 1), control.CtrByUnit);
        Assert.Equal([new LabeledPrediction(0.5f, true)], control.CtrSample);
        Assert.Equal([3.0], control.LatencySampleMs);
        Assert.Equal([new TrafficBucket(T0, 1)], control.Traffic);
        Assert.Null(control.MeanGates);
        Assert.Null(control.ConcentratedShare);

        var treatment = arms[1];
        // Requests r1..r4 of units A, B, C; r4 failed; impressions 2 + 1 + 1 + 0.
        Assert.Equal(("mmoe", 3L, 4L, 1L, 4L), (treatment.Model, treatment.EnrolledUnits, treatment.Requests, treatment.FailedRequests, treatment.Impressions));
        Assert.Equal([1, 2], treatment.ModelVersions);
        // Labeled: r1/i1 (click, satisfied), r1/i2 (no click: latest event), r2/i1 (click), r3/i3 (no click).
        // Predicted ctr 0.2 + 0.1 + 0.3 + 0.4 = 1.0; satisfaction 0.1 + 0.05 + 0.2 + 0.3 = 0.65.
        AssertOutcomes(new TaskOutcomes(2, 4, 1.0, 4), treatment.Ctr);
        AssertOutcomes(new TaskOutcomes(1, 4, 0.65, 4), treatment.Satisfaction);
        // Per unit: A has y = 2 clicks over n = 3 labeled, B has y = 0 over n = 1.
        // Units 2, ΣY 2, ΣN 4, ΣY² 4, ΣN² 9 + 1 = 10, ΣYN 6; satisfaction: A y = 1, so ΣY 1, ΣY² 1, ΣYN 3.
        Assert.Equal(new UnitMoments(2, 2, 4, 4, 10, 6), treatment.CtrByUnit);
        Assert.Equal(new UnitMoments(2, 1, 4, 1, 10, 3), treatment.SatisfactionByUnit);
        // Newest first: r2 (70 s), r3 (20 s), r1 (10 s, by rank).
        Assert.Equal([new LabeledPrediction(0.3f, true), new LabeledPrediction(0.4f, false), new LabeledPrediction(0.2f, true), new LabeledPrediction(0.1f, false)], treatment.CtrSample);
        Assert.Equal([new LabeledPrediction(0.2f, false), new LabeledPrediction(0.3f, false), new LabeledPrediction(0.1f, true), new LabeledPrediction(0.05f, false)], treatment.SatisfactionSample);
        Assert.Equal([7.0, 1.0, 9.0, 5.0], treatment.LatencySampleMs);
        Assert.Equal([new TrafficBucket(T0, 3), new TrafficBucket(T0.AddMinutes(1), 1)], treatment.Traffic);
        // Gates weighted by items (2, 1, 1 of 4): ctr (1.2 + 0.2 + 1) / 4 = 0.6 and 0.4; satisfaction (0.6 + 0.5 + 0) / 4 = 0.275 and 0.725.
        Assert.NotNull(treatment.MeanGates);
        Assert.Equal([0.6f, 0.4f, 0.275f, 0.725f], treatment.MeanGates.SelectMany(g => g).Select(v => MathF.Round(v, 5)));
        // Concentrated share weighted by scored candidates (10, 4, 6 of 20), not by requests or returned items:
        // ctr (5 + 1 + 6) / 20 = 0.6; satisfaction (0 + 4 + 6) / 20 = 0.5 (by requests it would be 0.583 and 0.667).
        Assert.NotNull(treatment.ConcentratedShare);
        Assert.Equal([0.6, 0.5], treatment.ConcentratedShare.Select(v => Math.Round(v, 6)));

        // Orphans: none of the above (r6, r7, r8 have exposures, they are only outside the analysis).
        Assert.Equal(0, await store.CountOrphanedFeedbackAsync(default));
        Dispose(store);
    }

    /// <summary>
    /// A database left at schema version 1 (before the concentrated share) by an older release: the store migrates it,
    /// keeps the old exposure, and the arm's share comes from the exposures that recorded one, weighted by candidates.
    /// </summary>
    /// <param name="newStore">Stores over one fresh, empty database.</param>
    /// <param name="execute">Runs one SQL statement against that database, as an older release would have.</param>
    public static async Task SchemaVersion1_MigratesAndKeepsOlderExposures(Func<IExperimentStore> newStore, Func<string, Task> execute)
    {
        await execute(ExperimentSchema.VersionTable);
        foreach (var statement in ExperimentSchema.Migrations[0])
        {
            await execute(statement);
        }

        await execute("INSERT INTO schema_version (version, applied_ms) VALUES (1, 0)");
        await execute("""
            INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks,
                                   item_count, mean_gates, status_code, latency_ms, time_ms)
            VALUES ('old', 'ab', 'treatment', 1, 'Hash', 'A', 'mmoe', 1, 'ctr,satisfaction', 1, '[[0.5,0.5],[0.5,0.5]]', 200, 2.0, 1767225600000)
            """);

        var store = newStore();
        await store.InitializeAsync(default);
        await store.WriteExposuresAsync(
        [
            Exposure("new", "ab", "treatment", "B", T0, Item("i1", 1, 0.2f, 0.1f)) with
            {
                MeanGates = [[0.9f, 0.1f], [0.1f, 0.9f]], ConcentratedShare = [0.25f, 0.75f], Candidates = 8,
            },
        ], default);

        Assert.NotNull(await store.FindExposureAsync("old", default));
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        Assert.Equal(2, arm.Requests);
        // Mean gates over both exposures (one item each); the share only over the new one's 8 candidates.
        Assert.Equal([0.7f, 0.3f], arm.MeanGates![0].Select(v => MathF.Round(v, 5)));
        Assert.Equal([0.25, 0.75], arm.ConcentratedShare!.Select(v => Math.Round(v, 6)));
        Dispose(store);
    }

    public static ExposureEvent Exposure(string requestId, string? experiment, string arm, string unit, DateTimeOffset time, params ShownItem[] items) =>
        new(requestId, experiment, arm, true, AssignmentReason.Hash, unit, "mmoe", 2, ["ctr", "satisfaction"], items, null, null, 0, 200, 2.0, time);

    public static ShownItem Item(string itemId, int rank, float ctr, float satisfaction) => new(itemId, rank, [ctr, satisfaction], ctr * satisfaction);

    private static void AssertOutcomes(TaskOutcomes expected, TaskOutcomes actual)
    {
        Assert.Equal((expected.Positives, expected.Labeled, expected.PredictedCount), (actual.Positives, actual.Labeled, actual.PredictedCount));
        Assert.Equal(expected.SumPredicted, actual.SumPredicted, 1e-6);
    }

    private static void Dispose(params IExperimentStore[] stores)
    {
        foreach (var store in stores)
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
