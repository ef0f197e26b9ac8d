using global::Grpc.Core;
using Google.Protobuf.Collections;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Serving.Grpc;

/// <summary>
/// <c>mmoe.scoring.v1.Scoring/Score</c>: the gRPC edge of <see cref="ScoringPipeline"/>, as the REST endpoints are
/// its HTTP edge. Columns in, packed arrays out; routing, validation, experiment exposures and telemetry are the
/// pipeline's, and its problems leave as gRPC statuses (<see cref="GrpcProblems"/>).
/// </summary>
public sealed class ScoringGrpcService(ScoringPipeline pipeline, TimeProvider time) : Scoring.ScoringBase
{
    public override async Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        var scoreRequest = ColumnarRequest.ToScoreRequest(request, out var unreadable);
        var outcome = scoreRequest is null
            ? pipeline.Refuse(unreadable!, started)
            : await pipeline.ScoreAsync(scoreRequest, string.IsNullOrEmpty(request.Model) ? null : request.Model, context.CancellationToken);
        return outcome switch
        {
            ScoreOutcome.Scored { Response: var response } => ToReply(response),
            ScoreOutcome.Rejected { Problem: var problem } => throw GrpcProblems.ToException(problem),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    private static ScoreReply ToReply(ScoreResponse response)
    {
        var reply = new ScoreReply
        {
            RequestId = response.RequestId,
            Experiment = response.Experiment ?? string.Empty,
            Arm = response.Arm,
            Enrolled = response.Enrolled,
            AssignmentReason = response.AssignmentReason.ToString(),
            Model = new ModelInfo
            {
                Name = response.Model.Name,
                Version = response.Model.Version,
                Architecture = response.Model.Architecture,
                ExecutionProvider = response.Model.ExecutionProvider,
            },
        };
        if (response.Items is InterleavedItems interleaved)
        {
            AddInterleaved(reply, interleaved);
            return reply;
        }

        if (response.Items is not RankedItems ranked)
        {
            throw new InvalidOperationException("The pipeline answers with RankedItems or InterleavedItems.");
        }

        var count = ranked.Count;
        var result = ranked.Result;
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = ranked.Row(i);
            reply.ItemIds.Add(ranked.ItemId(i));
            reply.Order.Add((uint)rows[i]);
            reply.Scores.Add(ranked.Score(i));
        }

        for (var t = 0; t < result.Tasks.Count; t++)
        {
            var task = new TaskOutputs { Name = ranked.TaskNames[t] };
            Gather(result.Tasks[t], rows, 1, task.Values);
            if (ranked.IncludesGates && result.Gates is { } gates)
            {
                task.Experts = result.Experts;
                Gather(gates[t], rows, result.Experts, task.Gates);
            }

            reply.Tasks.Add(task);
        }

        return reply;
    }

    private static void AddInterleaved(ScoreReply reply, InterleavedItems items)
    {
        var tasks = items.Count == 0 ? [] : items[0].Tasks.Select(t => new TaskOutputs { Name = t.Key }).ToArray();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            reply.ItemIds.Add(item.ItemId);
            reply.Order.Add((uint)items.Row(i));
            reply.Scores.Add(item.Score);
            reply.Teams.Add(item.Team);
            for (var t = 0; t < tasks.Length; t++)
            {
                tasks[t].Values.Add(item.Tasks.FirstOrDefault(o => o.Key == tasks[t].Name) is { Key: not null } output ? output.Value : float.NaN);
            }
        }

        reply.Tasks.AddRange(tasks);
    }

    /// <summary>Copies each ranked row's <paramref name="width"/> values, in ranked order.</summary>
    private static void Gather(float[] source, int[] rows, int width, RepeatedField<float> target)
    {
        var values = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            source.AsSpan(rows[i] * width, width).CopyTo(values.AsSpan(i * width, width));
        }

        target.AddRange(values);
    }
}
