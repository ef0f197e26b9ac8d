using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MmoeService.Serving.Inference;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Unit")]
public sealed class ScoreAnswerTests
{
    [Fact]
    public async Task Execute_PooledGates_WritesThemThenGivesThemBack()
    {
        var buffers = new GateBuffers(capacity: 4);
        var gates = buffers.Rent(2);
        gates[0] = 0.25f;
        gates[1] = 0.75f;
        var result = InferenceResult.WithPooledGates(1, [[0.5f]], [gates], 2, buffers);
        var items = ScoreCombiner.Rank(ItemIdTable.Of(["a"]), ScoringPlan.For(["ctr"], [1]), result, includeGates: true, topK: null, out _)!;
        var response = new ScoreResponse("r", null, "mmoe", false, AssignmentReason.Default, new ModelInfo("mmoe", 1, "mmoe", "CPU"), items);
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;

        await new ScoreAnswer(response, significantDigits: 6).ExecuteAsync(http);

        using var answer = JsonDocument.Parse(body.ToArray());
        var written = answer.RootElement.GetProperty("items")[0].GetProperty("gates").GetProperty("ctr");
        Assert.Equal([0.25f, 0.75f], written.EnumerateArray().Select(w => w.GetSingle()));
        Assert.True(result.GatesReleased);
        Assert.Same(gates, buffers.Rent(2));
    }
}
