using CsCheck;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Store;

/// <summary>
/// The rollups' invariant as a property: after any interleaving of exposures, feedback (before or after its
/// exposure, several events per item, older ones too), duplicate exposures and feedback batches, and store restarts,
/// what the scorecard reads equals the figures recomputed from scratch over the raw rows; the first requests may
/// arrive by bulk import instead. Tasks are <c>click</c> and
/// <c>purchase</c>, so nothing depends on the committed models' names. The seed is fixed; CsCheck prints a failing
/// case's own seed to replay it.
/// </summary>
public static class RollupProperty
{
    private static readonly string Seed = new PCG(1, 20261206).ToString();
    private static readonly string[] Tasks = ["click", "purchase"];

    private static readonly string[] Tables =
    [
        "exposures", "feedback", "feedback_outcomes", "feedback_v2", "rollup_arm", "rollup_unit",
        "rollup_model", "rollup_traffic", "rollup_latency_bin", "rollup_unit_task", "rollup_task", "rollup_prediction_bin", "rollup_gate", "rollup_gate_expert",
        "rollup_experiment", "rollup_preperiod", "rollup_task_covariate", "rollup_traffic_fine",
    ];

    private static readonly Gen<Shown> Exposures = Gen.Select(
        Gen.Int[0, 1], Gen.Int[0, 3], Gen.Int[0, 9], Gen.Float[0.001f, 0.999f].Array[2].Array[0, 3], Gen.Bool, Gen.Double[0.05, 80], Gen.Int[0, 180],
        (arm, unit, enrolled, predictions, gated, latency, second) => new Shown(arm, unit, enrolled > 0, predictions, gated, latency, second));

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, 11], Gen.Int[0, 3], Gen.Int[0, 8], Gen.Int[0, 300],
        (kind, request, item, outcomes, second) => new Step(kind, request, item, outcomes, second));

    public static async Task CheckAsync(Func<ExperimentStore> newStore, StoreDatabase database, int iterations)
    {
        await Gen.Select(Exposures.Array[12], Steps.Array[5, 40], Gen.Int[0, 4]).SampleAsync(
            async run => await RunAsync(newStore, database, run.Item1, run.Item2, run.Item3),
            seed: Seed,
            iter: iterations,
            threads: 1);
    }

    private static async Task RunAsync(Func<ExperimentStore> newStore, StoreDatabase database, Shown[] shown, Step[] steps, int imported)
    {
        var store = newStore();
        await store.InitializeAsync(default);
        foreach (var table in Tables)
        {
            await database.ExecuteAsync($"DELETE FROM {table}");
        }

        try
        {
            // The first requests may come in by bulk import, with the feedback steps on them; the steps still run
            // afterwards, so the write path then meets imported rows (duplicate exposures, replayed or newer feedback).
            await store.ImportAsync(
                Enumerable.Range(0, imported).Select(r => (Exposure(r, shown[r]),
                    (IReadOnlyList<FeedbackEvent>)steps.Where(s => s.Kind is >= 4 and <= 7 && s.Request == r).Select(Feedback).ToArray())),
                chunk: 2, default);
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case <= 3:
                        // Exposures come in batches of one or two; writing one again is a duplicate and must change nothing.
                        await store.WriteExposuresAsync([Exposure(step.Request, shown[step.Request]), Exposure((step.Request + step.Item) % 12, shown[(step.Request + step.Item) % 12])], default);
                        break;
                    case <= 7:
                        await store.WriteFeedbackAsync([Feedback(step)], default);
                        break;
                    case 8:
                        // The same item twice in one batch (the later event wins a tie), then the batch resent whole.
                        FeedbackEvent[] batch = [Feedback(step), Feedback(step with { Outcomes = (step.Outcomes + 4) % 9 })];
                        await store.WriteFeedbackAsync(batch, default);
                        await store.WriteFeedbackAsync(batch, default);
                        break;
                    default:
                        await store.DisposeAsync();
                        store = newStore();
                        break;
                }
            }

            StoreDatabase.AssertSame(await database.RecomputeAsync("ab"), await store.ReadArmObservationsAsync("ab", default));
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static ExposureEvent Exposure(int index, Shown x)
    {
        var items = x.Predictions.Select((p, i) => new ShownItem("i" + i, i + 1, p, p[0] * p[1])).ToArray();
        return new ExposureEvent(
            "r" + index, "ab", "arm" + x.Arm, x.Enrolled, x.Enrolled ? AssignmentReason.Hash : AssignmentReason.NotEnrolled, "u" + x.Unit,
            "m" + x.Arm, x.Arm + 1, Tasks, items,
            x.Gated ? [[0.3f, 0.7f], [0.9f, 0.1f]] : null, x.Gated ? [0.5f, 0.25f] : null, items.Length + 2,
            items.Length == 0 ? 503 : 200, x.Latency, ExperimentStoreContract.T0.AddSeconds(x.Second));
    }

    /// <summary>Outcomes 0 … 8: click absent, 0 or 1 (o % 3) and purchase likewise (o / 3); both absent means click 0.</summary>
    private static FeedbackEvent Feedback(Step step)
    {
        var outcomes = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (step.Outcomes % 3 > 0)
        {
            outcomes[Tasks[0]] = step.Outcomes % 3 == 2;
        }

        if (step.Outcomes / 3 > 0)
        {
            outcomes[Tasks[1]] = step.Outcomes / 3 == 2;
        }

        if (outcomes.Count == 0)
        {
            outcomes[Tasks[0]] = false;
        }

        return new FeedbackEvent("r" + step.Request, "i" + step.Item, outcomes, ExperimentStoreContract.T0.AddSeconds(step.Second));
    }

    private sealed record Shown(int Arm, int Unit, bool Enrolled, float[][] Predictions, bool Gated, double Latency, int Second);

    private sealed record Step(int Kind, int Request, int Item, int Outcomes, int Second);
}
