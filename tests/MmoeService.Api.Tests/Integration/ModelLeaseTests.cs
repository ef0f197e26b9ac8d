using Microsoft.ML.OnnxRuntime;
using MmoeService.Api.Inference;
using MmoeService.Api.Models;

namespace MmoeService.Api.Tests.Integration;

/// <summary>
/// A batch holds its own lease on the snapshot whose rows it queued: neither the request that gave up (cancelled,
/// lease disposed) nor a swap to a newer version may free the session while the batch still has to run.
/// </summary>
public sealed class ModelLeaseTests : IDisposable
{
    private readonly TempRepository _repository = TempRepository.CopyOfCommitted();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Lease_BatchLeaseOutlivesCancelledRequestAndSwap_SessionStaysUsableUntilBatchReleases()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        Assert.True(factory.Registry.TryAcquire("mmoe", out var requestLease));
        var snapshot = requestLease.Snapshot;
        Assert.True(snapshot.TryLease(out var batchLease));

        // The request is cancelled and lets go; then a new version retires the snapshot from the registry.
        requestLease.Dispose();
        _repository.AddVersion("mmoe", 1, 2);
        var reload = await factory.Registry.ReloadAsync("mmoe", force: false, CancellationToken.None);
        Assert.Equal(ReloadOutcome.Loaded, reload.Outcome);
        Assert.False(snapshot.IsDisposed);

        using (batchLease)
        {
            var result = Run(batchLease.Snapshot);
            Assert.Equal(3, result.Rows);
            Assert.All(result.Tasks, task => Assert.All(task, p => Assert.InRange(p, 0f, 1f)));
        }

        Assert.True(snapshot.IsDisposed);
        Assert.False(snapshot.TryLease(out _));
    }

    [Fact]
    public async Task Lease_ServedSnapshot_IsNotDisposedByItsLeases()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        Assert.True(factory.Registry.TryAcquire("mmoe", out var first));
        var snapshot = first.Snapshot;
        Assert.True(snapshot.TryLease(out var second));

        first.Dispose();
        second.Dispose();
        second.Dispose();

        // The registry's own reference keeps the served version alive, and a double dispose releases only once.
        Assert.False(snapshot.IsDisposed);
        Assert.True(factory.Registry.TryAcquire("mmoe", out var again));
        using (again)
        {
            Assert.Same(snapshot, again.Snapshot);
        }
    }

    private static InferenceResult Run(ModelSnapshot snapshot)
    {
        Assert.True(snapshot.Vectoriser.TryEncode(null, [null, null, null], out var batch, out var failure), failure?.Title);
        using (batch)
        {
            using var runOptions = new RunOptions();
            return snapshot.Onnx.Run(batch, includeGates: true, runOptions);
        }
    }
}
