using MmoeService.Serving.Inference;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Inference;

[Trait("Kind", "Unit")]
public sealed class GateBuffersTests
{
    [Fact]
    public void Rent_AfterReturnOfTheSameLength_ReusesTheArray()
    {
        var buffers = new GateBuffers(capacity: 2);
        var first = buffers.Rent(12);

        buffers.Return(first);

        Assert.Same(first, buffers.Rent(12));
    }

    [Fact]
    public void Rent_OtherLength_GivesAnArrayOfExactlyThatLength()
    {
        var buffers = new GateBuffers(capacity: 2);
        buffers.Return(new float[12]);

        var rented = buffers.Rent(8);

        Assert.Equal(8, rented.Length);
    }

    [Fact]
    public void Return_WhenFull_ReplacesAKeptArray()
    {
        var buffers = new GateBuffers(capacity: 1);
        buffers.Return(new float[4]);
        var newest = new float[4];

        buffers.Return(newest);

        Assert.Same(newest, buffers.Rent(4));
    }

    [Fact]
    public void ReleaseGates_CalledTwice_ReturnsEachArrayOnce()
    {
        var buffers = new GateBuffers(capacity: 4);
        var gates = new[] { buffers.Rent(2), buffers.Rent(2) };
        var result = InferenceResult.WithPooledGates(1, [[0.5f], [0.5f]], gates, 2, buffers);

        result.ReleaseGates();
        result.ReleaseGates();

        // Each array comes back once: two rents empty the store, the third is a new array.
        Assert.True(result.GatesReleased);
        var again = new[] { buffers.Rent(2), buffers.Rent(2), buffers.Rent(2) };
        Assert.Equal(2, again.Count(a => gates.Contains(a)));
        Assert.Equal(3, again.Distinct().Count());
    }

    [Fact]
    public void ReleaseGates_OwnArrays_IsANoOp()
    {
        var result = new InferenceResult(1, [[0.5f]], [[0.4f, 0.6f]], 2);

        result.ReleaseGates();

        Assert.False(result.GatesReleased);
        Assert.Equal([0.4f, 0.6f], result.Gates![0]);
    }

    [Fact]
    public void RankedItems_AfterRelease_RefuseToReadGates()
    {
        var buffers = new GateBuffers(capacity: 4);
        var gates = buffers.Rent(2);
        gates[0] = 0.4f;
        gates[1] = 0.6f;
        var result = InferenceResult.WithPooledGates(1, [[0.5f]], [gates], 2, buffers);
        var items = ScoreCombiner.Rank(ItemIdTable.Of(["a"]), ScoringPlan.For(["ctr"], [1]), result, includeGates: true, topK: null, out _)!;
        Assert.Equal([0.4f, 0.6f], items.GateWeights(0, 0).ToArray());

        items.Release();

        Assert.Throws<ObjectDisposedException>(() => items.GateWeights(0, 0).ToArray());
        Assert.Equal(0.5f, items.Output(0, 0));
    }
}
