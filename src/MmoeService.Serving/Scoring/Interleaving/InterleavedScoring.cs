using Microsoft.Extensions.Options;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Routing;

namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>
/// Scores a request the router sent to an interleaving experiment: both arms' models rank every candidate (two
/// inference runs, side by side), and the answer is their team-draft interleaving (<see cref="TeamDraft"/>, coins
/// from the request id), cut to <c>topK</c>, each item tagged with its team's arm. The same problems as a
/// single-model request end it (unknown or unloaded model, bad features, timeout, queue full, non-finite output),
/// whichever model hits them first. Stateless, so one instance serves all.
/// </summary>
public sealed class InterleavedScoring(ModelRegistry registry, IInferenceRunner runner, ScoringPlans plans, IOptions<ScoringOptions> options, TimeProvider time)
{
    /// <summary>Inference runs per interleaved request: its cost against one for a single-model request.</summary>
    public const int ModelRunsPerRequest = 2;

    public async Task<ScoreOutcome> ScoreAsync(ValidScoreRequest valid, RouteDecision route, string unitHash, long started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(route);
        var arms = route.Interleaving ?? throw new ArgumentException("The route does not interleave.", nameof(route));
        var settings = options.Value;
        foreach (var model in (ReadOnlySpan<string>)[arms.ControlModel, arms.TreatmentModel])
        {
            if (!registry.IsConfigured(model))
            {
                return Rejected(valid, route, unitHash, null, started, ScoringPipeline.UnknownModel(registry, model));
            }
        }

        using var controlLease = registry.Acquire(arms.ControlModel);
        using var treatmentLease = registry.Acquire(arms.TreatmentModel);
        if (controlLease is null || treatmentLease is null)
        {
            var missing = controlLease is null ? arms.ControlModel : arms.TreatmentModel;
            return Rejected(valid, route, unitHash, controlLease?.Snapshot, started, ScoringPipeline.NotLoaded(missing, settings.RetryAfterSeconds));
        }

        var control = controlLease.Snapshot;
        var treatment = treatmentLease.Snapshot;
        using var timeout = new CancellationTokenSource(settings.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        InferenceResult controlResult, treatmentResult;
        using (var controlBatch = control.Vectoriser.Encode(valid.Context, valid.Input.Columns, valid.Count, out var controlFailure))
        using (var treatmentBatch = treatment.Vectoriser.Encode(valid.Context, valid.Input.Columns, valid.Count, out var treatmentFailure))
        {
            if (controlBatch is null || treatmentBatch is null)
            {
                return Rejected(valid, route, unitHash, control, started, ScoringPipeline.ToProblem((controlFailure ?? treatmentFailure)!));
            }

            try
            {
                // WhenAll waits for both runs even when one fails, so neither batch is disposed under a running model.
                var controlRun = runner.RunAsync(control, controlBatch, valid.IncludeGates, linked.Token).AsTask();
                var treatmentRun = runner.RunAsync(treatment, treatmentBatch, valid.IncludeGates, linked.Token).AsTask();
                var results = await Task.WhenAll(controlRun, treatmentRun);
                (controlResult, treatmentResult) = (results[0], results[1]);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                var problem = cancellationToken.IsCancellationRequested ? ScoreProblem.ClientClosed : ScoringPipeline.TimedOut(settings);
                return Rejected(valid, route, unitHash, control, started, problem);
            }
            catch (BatchQueueFullException ex)
            {
                return Rejected(valid, route, unitHash, control, started, ScoringPipeline.QueueFull(ex));
            }
        }

        // Full rankings: team-draft walks down both lists until the answer is full.
        var controlRanking = ScoreCombiner.Rank(valid.ItemIds, plans.For(control), controlResult, valid.IncludeGates, null, out var controlBad);
        if (controlRanking is null)
        {
            controlResult.ReleaseGates();
            treatmentResult.ReleaseGates();
            return Rejected(valid, route, unitHash, control, started, ScoringPipeline.NonFinite(control, controlBad!));
        }

        var treatmentRanking = ScoreCombiner.Rank(valid.ItemIds, plans.For(treatment), treatmentResult, valid.IncludeGates, null, out var treatmentBad);
        if (treatmentRanking is null)
        {
            controlResult.ReleaseGates();
            treatmentResult.ReleaseGates();
            return Rejected(valid, route, unitHash, control, started, ScoringPipeline.NonFinite(treatment, treatmentBad!));
        }

        var length = Math.Min(valid.Count, valid.TopK ?? valid.Count);
        var picks = TeamDraft.Interleave(Rows(controlRanking), Rows(treatmentRanking), length, valid.RequestId);
        var items = new InterleavedItems(controlRanking, treatmentRanking, picks, arms.ControlArm, arms.TreatmentArm);
        var info = new ModelInfo(control.Name, control.Version, control.Manifest.Architecture, control.ExecutionProvider);
        var response = new ScoreResponse(valid.RequestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, info, items);
        var scored = new ScoredRequest(
            valid.RequestId, unitHash, valid.Count, route, true, control.Version, control.TaskNames,
            new InterleavedExposures(items, control.TaskNames), null, StatusCodes.Status200OK, time.GetElapsedTime(started), time.GetUtcNow());
        return new ScoreOutcome.Scored(scored, response);
    }

    private ScoreOutcome.Rejected Rejected(ValidScoreRequest valid, RouteDecision route, string unitHash, ModelSnapshot? control, long started, ScoreProblem problem) => new(
        new ScoredRequest(
            valid.RequestId, unitHash, valid.Count, route, true, control?.Version, control?.TaskNames ?? [], [], null,
            problem.Status, time.GetElapsedTime(started), time.GetUtcNow()),
        problem);

    private static int[] Rows(RankedItems ranking)
    {
        var rows = new int[ranking.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ranking.Row(i);
        }

        return rows;
    }
}
