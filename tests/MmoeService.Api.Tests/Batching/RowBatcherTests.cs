using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Api.Observability;
using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Batching;

/// <summary>
/// The dynamic batcher's rules with a fake model and a fake run: no ONNX session, no host, and time only moves
/// when a test advances it. Each row's one numeric value identifies it; the fake run answers that value as the
/// row's task output (and its categorical value as its gate), so a request can check it got its own rows back.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class RowBatcherTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeModel _model = new();
    private readonly ConcurrentQueue<int> _runs = new();

    [Fact]
    public async Task Batcher_TwoConcurrentRequests_AreCoalescedIntoOneRun()
    {
        await using var batcher = Batcher();
        using var a = Rows(10, 11);
        using var b = Rows(20, 21, 22);

        var first = batcher.RunAsync(_model, a, includeGates: false, CancellationToken.None).AsTask();
        var second = batcher.RunAsync(_model, b, includeGates: false, CancellationToken.None).AsTask();
        _time.Advance(Delay);

        Assert.Equal(new[] { 10f, 11f }, (await first).Tasks[0]);
        Assert.Equal(new[] { 20f, 21f, 22f }, (await second).Tasks[0]);
        Assert.Equal([5], _runs);
    }

    [Fact]
    public async Task Batcher_RowsOverTheLimit_SplitIntoSeveralRuns()
    {
        await using var batcher = Batcher(maxBatchRows: 4);
        using var a = Rows(1, 2);
        using var b = Rows(3, 4);
        using var c = Rows(5, 6);

        var first = batcher.RunAsync(_model, a, false, CancellationToken.None).AsTask();
        var second = batcher.RunAsync(_model, b, false, CancellationToken.None).AsTask();
        var third = batcher.RunAsync(_model, c, false, CancellationToken.None).AsTask();

        // a + b fill a batch, which runs without waiting for the delay; c waits in the next one.
        await Task.WhenAll(first, second);
        Assert.False(third.IsCompleted);
        _time.Advance(Delay);

        Assert.Equal(new[] { 5f, 6f }, (await third).Tasks[0]);
        Assert.Equal([4, 2], _runs);
    }

    [Fact]
    public async Task Batcher_RequestLargerThanTheLimit_RunsAlone()
    {
        await using var batcher = Batcher(maxBatchRows: 2);
        using var big = Rows(1, 2, 3, 4, 5);

        var result = await batcher.RunAsync(_model, big, false, CancellationToken.None);

        Assert.Equal([1f, 2f, 3f, 4f, 5f], result.Tasks[0]);
        Assert.Equal([5], _runs);
    }

    [Fact]
    public async Task Batcher_QueueDelay_DispatchesAPartialBatchWhenItElapses()
    {
        await using var batcher = Batcher();
        using var a = Rows(7);

        var pending = batcher.RunAsync(_model, a, false, CancellationToken.None).AsTask();
        _time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new[] { 7f }, (await pending).Tasks[0]);
        Assert.Equal([1], _runs);
    }

    [Fact]
    public async Task Batcher_ZeroDelay_RunsAtOnceWhenARunSlotIsFree()
    {
        await using var batcher = Batcher(delay: TimeSpan.Zero);
        using var a = Rows(3, 4);

        Assert.Equal(new[] { 3f, 4f }, (await batcher.RunAsync(_model, a, false, CancellationToken.None)).Tasks[0]);
    }

    [Fact]
    public async Task Batcher_ZeroDelayAndIdle_RunsTheCallersOwnRowsWithoutCopying()
    {
        EncodedBatch? seen = null;
        await using var batcher = Batcher(delay: TimeSpan.Zero, run: (model, batch, gates, ct) =>
        {
            seen = batch;
            return ValueTask.FromResult(Answer(batch, gates));
        });
        using var a = Rows(5);

        Assert.Equal(new[] { 5f }, (await batcher.RunAsync(_model, a, false, CancellationToken.None)).Tasks[0]);
        Assert.Same(a, seen);
    }

    [Fact]
    public async Task Batcher_ZeroDelayAndEverySlotBusy_QueuesAndCoalescesTheNextRequests()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = Batcher(delay: TimeSpan.Zero, run: async (model, batch, gates, ct) =>
        {
            _runs.Enqueue(batch.Rows);
            entered.TrySetResult();
            await gate.Task;
            return Answer(batch, gates);
        });
        using var a = Rows(1);
        using var b = Rows(2, 3);
        using var c = Rows(4);

        // a takes the only slot; b and c wait together for it.
        var first = batcher.RunAsync(_model, a, false, CancellationToken.None).AsTask();
        await entered.Task;
        var second = batcher.RunAsync(_model, b, false, CancellationToken.None).AsTask();
        var third = batcher.RunAsync(_model, c, false, CancellationToken.None).AsTask();
        gate.SetResult();

        Assert.Equal(new[] { 1f }, (await first).Tasks[0]);
        Assert.Equal(new[] { 2f, 3f }, (await second).Tasks[0]);
        Assert.Equal(new[] { 4f }, (await third).Tasks[0]);
        Assert.Equal([1, 3], _runs);
    }

    [Fact]
    public async Task Batcher_QueueFull_RejectsTheRequestWithoutQueuingIt()
    {
        await using var batcher = Batcher(maxQueuedRows: 4);
        using var a = Rows(1, 2, 3);
        using var b = Rows(4, 5);

        var first = batcher.RunAsync(_model, a, false, CancellationToken.None).AsTask();
        var full = await Assert.ThrowsAsync<BatchQueueFullException>(() => batcher.RunAsync(_model, b, false, CancellationToken.None).AsTask());
        _time.Advance(Delay);

        Assert.Equal(1, full.RetryAfterSeconds);
        Assert.Equal(new[] { 1f, 2f, 3f }, (await first).Tasks[0]);
        Assert.Equal([3], _runs);
    }

    [Fact]
    public async Task Batcher_CancelledQueuedRequest_LeavesTheOthersResultsCorrect()
    {
        await using var batcher = Batcher();
        using var a = Rows(1, 2);
        using var b = Rows(3, 4, 5);
        using var c = Rows(6);
        using var cancel = new CancellationTokenSource();

        var first = batcher.RunAsync(_model, a, true, CancellationToken.None).AsTask();
        var second = batcher.RunAsync(_model, b, true, cancel.Token).AsTask();
        var third = batcher.RunAsync(_model, c, false, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        _time.Advance(Delay);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        var one = await first;
        var three = await third;
        Assert.Equal([1f, 2f], one.Tasks[0]);
        Assert.Equal([-1f, -2f], one.Gates![0]);
        Assert.Equal([6f], three.Tasks[0]);
        Assert.Null(three.Gates);
        Assert.Equal([3], _runs);
        Assert.Equal(1, _model.References);
    }

    [Fact]
    public async Task Batcher_RequestCancelledWhileItsBatchRuns_BatchLeaseOutlivesTheRequestLease()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = Batcher(run: async (model, batch, gates, ct) =>
        {
            entered.TrySetResult();
            await gate.Task;
            return Answer(batch, gates);
        });
        using var a = Rows(1, 2);
        using var b = Rows(3);
        using var cancel = new CancellationTokenSource();
        var leaseA = _model.TryLease()!;
        var leaseB = _model.TryLease()!;

        var first = batcher.RunAsync(_model, a, false, cancel.Token).AsTask();
        var second = batcher.RunAsync(_model, b, false, CancellationToken.None).AsTask();
        _time.Advance(Delay);
        await entered.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        leaseA.Dispose();

        // The registry's reference, request b's own, and the batcher's two for the rows it is running.
        Assert.Equal(4, _model.References);
        gate.SetResult();
        Assert.Equal(new[] { 3f }, (await second).Tasks[0]);
        Assert.Equal(2, _model.References);
        leaseB.Dispose();
        Assert.Equal(1, _model.References);
    }

    [Fact]
    public async Task Batcher_DifferentModels_NeverShareARun()
    {
        var other = new FakeModel();
        await using var batcher = Batcher();
        using var a = Rows(1);
        using var b = Rows(2);

        var first = batcher.RunAsync(_model, a, false, CancellationToken.None).AsTask();
        var second = batcher.RunAsync(other, b, false, CancellationToken.None).AsTask();
        _time.Advance(Delay);

        Assert.Equal(new[] { 1f }, (await first).Tasks[0]);
        Assert.Equal(new[] { 2f }, (await second).Tasks[0]);
        Assert.Equal([1, 1], _runs);
    }

    private RowBatcher<FakeModel> Batcher(
        int maxBatchRows = 100,
        int maxQueuedRows = 1000,
        TimeSpan? delay = null,
        RowBatcher<FakeModel>.RunBatch? run = null)
    {
        var options = new BatchingOptions
        {
            MaxBatchRows = maxBatchRows,
            MaxQueuedRows = maxQueuedRows,
            MaxQueueDelay = delay ?? Delay,
            MaxConcurrentRuns = 1,
        };
        return new RowBatcher<FakeModel>(
            options,
            _time,
            new BatchingMetrics(Metrics.NewCustomRegistry()),
            model => model.TryLease(),
            run ?? ((model, batch, gates, ct) => ValueTask.FromResult(Record(batch, gates))),
            _ => "fake");
    }

    private InferenceResult Record(EncodedBatch batch, bool includeGates)
    {
        _runs.Enqueue(batch.Rows);
        return Answer(batch, includeGates);
    }

    private static InferenceResult Answer(EncodedBatch batch, bool includeGates)
    {
        var tasks = batch.Numeric.ToArray();
        var gates = Array.ConvertAll(batch.Categorical.ToArray(), v => (float)v);
        return new InferenceResult(batch.Rows, [tasks], includeGates ? [gates] : null, Experts: 1);
    }

    /// <summary>One row per value: numeric = value, categorical = -value.</summary>
    private static EncodedBatch Rows(params float[] values)
    {
        var batch = EncodedBatch.Rent(values.Length, 1, 1);
        values.CopyTo(batch.Numeric.Span);
        for (var i = 0; i < values.Length; i++)
        {
            batch.Categorical.Span[i] = -(long)values[i];
        }

        return batch;
    }

    /// <summary>Reference counted like a snapshot: starts with the registry's reference.</summary>
    private sealed class FakeModel
    {
        private int _references = 1;

        public int References => Volatile.Read(ref _references);

        public IDisposable? TryLease()
        {
            Interlocked.Increment(ref _references);
            return new Lease(this);
        }

        private sealed class Lease(FakeModel model) : IDisposable
        {
            private FakeModel? _model = model;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _model, null) is { } held)
                {
                    Interlocked.Decrement(ref held._references);
                }
            }
        }
    }
}
