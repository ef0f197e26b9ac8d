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
        ScoreOutcome outcome;
        using (var input = ColumnarRequest.ToScoreInput(request, out var unreadable))
        {
            outcome = input is null
                ? pipeline.Refuse(unreadable!, started)
                : await pipeline.ScoreAsync(input, string.IsNullOrEmpty(request.Model) ? null : request.Model, context.CancellationToken);
        }

        return outcome switch
        {
            ScoreOutcome.Scored { Response: var response } => Reply(response, request.ItemIds),
            ScoreOutcome.Rejected { Problem: var problem } => throw GrpcProblems.ToException(problem),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    /// <summary>The reply copies every number it sends, so the answer's pooled outputs go back once it is built.</summary>
    private static ScoreReply Reply(ScoreResponse response, IReadOnlyList<string> itemIds)
    {
        try
        {
            return ToReply(response, itemIds);
        }
        finally
        {
            response.Items.Release();
        }
    }

    /// <param name="response">The pipeline's answer.</param>
    /// <param name="itemIds">The request's item ids (strings already), so the reply makes none.</param>
    private static ScoreReply ToReply(ScoreResponse response, IReadOnlyList<string> itemIds)
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
            AddInterleaved(reply, interleaved, itemIds);
            return reply;
        }

        if (response.Items is not RankedItems ranked)
        {
            throw new InvalidOperationException("The pipeline answers with RankedItems or InterleavedItems.");
        }

        var count = ranked.Count;
        var result = ranked.Result;
        var rows = new int[count];
        reply.ItemIds.Capacity = count;
        reply.Order.Capacity = count;
        reply.Scores.Capacity = count;
        for (var i = 0; i < count; i++)
        {
            rows[i] = ranked.Row(i);
            reply.ItemIds.Add(itemIds[rows[i]]);
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

    /// <summary>
    /// Each slot from the model that placed it, under the first slot's model's tasks (NaN where the placing model has
    /// no such task); no gates, since the two models' gates need not have the same width.
    /// </summary>
    private static void AddInterleaved(ScoreReply reply, InterleavedItems items, IReadOnlyList<string> itemIds)
    {
        var count = items.Count;
        var names = count == 0 ? [] : items.SourceOf(0, out _).TaskNames;
        var tasks = names.Select(name => new TaskOutputs { Name = name }).ToArray();
        reply.ItemIds.Capacity = count;
        reply.Order.Capacity = count;
        reply.Scores.Capacity = count;
        reply.Teams.Capacity = count;
        for (var i = 0; i < count; i++)
        {
            var source = items.SourceOf(i, out var at);
            var row = source.Row(at);
            reply.ItemIds.Add(itemIds[row]);
            reply.Order.Add((uint)row);
            reply.Scores.Add(source.Score(at));
            reply.Teams.Add(items.ArmOf(i));
            for (var t = 0; t < tasks.Length; t++)
            {
                var task = IndexOf(source.TaskNames, names[t]);
                tasks[t].Values.Add(task < 0 ? float.NaN : source.Output(at, task));
            }
        }

        reply.Tasks.AddRange(tasks);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Copies each ranked row's <paramref name="width"/> values, in ranked order.</summary>
    private static void Gather(float[] source, int[] rows, int width, RepeatedField<float> target)
    {
        target.Capacity = rows.Length * width;
        foreach (var row in rows)
        {
            foreach (var value in source.AsSpan(row * width, width))
            {
                target.Add(value);
            }
        }
    }
}
