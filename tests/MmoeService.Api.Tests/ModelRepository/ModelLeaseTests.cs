using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.ModelRepository;

/// <summary>
/// A batch holds its own lease on the snapshot whose rows it queued: neither the request that gave up (cancelled,
/// lease disposed) nor a swap to a newer version may free the session while the batch still has to run.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ModelLeaseTests : IDisposable
{
    private readonly TempRepository _repository = TempRepository.CopyOfCommitted();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Lease_BatchLeaseOutlivesCancelledRequestAndSwap_SessionStaysUsableUntilBatchReleases()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        var requestLease = Assert.IsType<ModelLease>(factory.Registry.Acquire("mmoe"));
        var snapshot = requestLease.Snapshot;
        using var batchLease = Assert.IsType<ModelLease>(snapshot.Lease());

        // The request is cancelled and lets go; then a new version retires the snapshot from the registry.
        requestLease.Dispose();
        _repository.AddVersion("mmoe", 1, 2);
        var reload = await factory.Registry.ReloadAsync("mmoe", force: false, CancellationToken.None);
        Assert.Equal(ReloadOutcome.Loaded, reload.Outcome);
        using (var alive = snapshot.Lease())
        {
            Assert.NotNull(alive);
        }

        var result = Run(batchLease.Snapshot);
        Assert.Equal(3, result.Rows);
        Assert.All(result.Tasks, task => Assert.All(task, p => Assert.InRange(p, 0f, 1f)));

        batchLease.Dispose();
        Assert.Null(snapshot.Lease());
    }

    [Fact]
    public async Task Lease_ServedSnapshot_IsNotDisposedByItsLeases()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        var first = Assert.IsType<ModelLease>(factory.Registry.Acquire("mmoe"));
        var snapshot = first.Snapshot;
        var second = Assert.IsType<ModelLease>(snapshot.Lease());

        first.Dispose();
        second.Dispose();
        second.Dispose();

        // The registry's own reference keeps the served version alive, and a double dispose releases only once.
        using (var alive = snapshot.Lease())
        {
            Assert.NotNull(alive);
        }
        using var again = factory.Registry.Acquire("mmoe");
        Assert.Same(snapshot, again?.Snapshot);
    }

    private static InferenceResult Run(ModelSnapshot snapshot)
    {
        using (var batch = snapshot.Vectoriser.Encode(null, [], 3, out var failure))
        {
            Assert.True(batch is not null, failure?.Title);
            using var runOptions = new RunOptions();
            return snapshot.Onnx.Run(batch, includeGates: true, runOptions);
        }
    }
}
