using System.Diagnostics;
using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Batching;

/// <summary>
/// The dynamic batcher's engine, apart from ONNX Runtime and model snapshots so tests can drive it with fakes:
/// requests for the same model (the same instance: one snapshot is one version) join an open batch until it holds
/// <see cref="BatchingOptions.MaxBatchRows"/> rows; a batch becomes eligible to run when it is full, when
/// <see cref="BatchingOptions.MaxQueueDelay"/> has passed since its first request (at once when the delay is zero),
/// and keeps taking rows until one of <see cref="BatchingOptions.MaxConcurrentRuns"/> workers takes it. With a zero
/// delay and a run slot free, a request runs at once on its caller's thread instead (nothing to batch with). The worker
/// copies the rows of every request into one pooled <see cref="EncodedBatch"/>, runs it once and hands each request
/// its own slice of the outputs.
/// <para>
/// Ownership: a request's rows stay the caller's; they are read only under the lock, when the batch is taken, and a
/// cancelled request leaves before that (its rows are dropped) or after (its slice is discarded). Every queued request
/// holds a lease of its own on the model, taken here and released only after the run that read its rows, so a
/// caller that gives up and drops its lease never frees the session under a running batch.
/// </para>
/// </summary>
/// <typeparam name="TModel">What a batch runs on; compared by reference.</typeparam>
internal sealed class RowBatcher<TModel> : IAsyncDisposable
    where TModel : class
{
    /// <summary>Runs one coalesced batch; the batcher owns <c>batch</c> and disposes it afterwards.</summary>
    internal delegate ValueTask<InferenceResult> RunBatch(TModel model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken);

    private readonly Lock _gate = new();
    private readonly Dictionary<TModel, Batch> _open = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<Batch> _eligible = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly BatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly BatchingMetrics _metrics;
    private readonly Func<TModel, IDisposable?> _tryLease;
    private readonly RunBatch _run;
    private readonly Func<TModel, string> _label;
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim _slots;
    private int _queuedRows;
    private bool _stopping;

    /// <param name="options">Limits and delay.</param>
    /// <param name="time">Clock of the queue delay (a FakeTimeProvider in tests).</param>
    /// <param name="metrics">Queue time and rows per run.</param>
    /// <param name="tryLease">A new, independent hold on the model; null when it is already released.</param>
    /// <param name="run">One run of a coalesced batch.</param>
    /// <param name="label">The model's metric label.</param>
    public RowBatcher(BatchingOptions options, TimeProvider time, BatchingMetrics metrics, Func<TModel, IDisposable?> tryLease, RunBatch run, Func<TModel, string> label)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _metrics = metrics;
        _tryLease = tryLease;
        _run = run;
        _label = label;
        // Dedicated threads, like Triton's model instances: a run occupies its thread for the whole ONNX Runtime
        // call, and thread-pool threads stay free for reading, encoding and writing requests.
        _slots = new SemaphoreSlim(options.MaxConcurrentRuns);
        _workers = new Thread[options.MaxConcurrentRuns];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"mmoe-batch-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Rows queued and not yet taken by a worker.</summary>
    public int QueuedRows
    {
        get
        {
            lock (_gate)
            {
                return _queuedRows;
            }
        }
    }

    /// <summary>Queues <paramref name="input"/>'s rows and returns their outputs once the batch holding them has run.</summary>
    /// <exception cref="BatchQueueFullException">The queue holds <see cref="BatchingOptions.MaxQueuedRows"/> rows already.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled before its rows ran, or while they ran.</exception>
    public async ValueTask<InferenceResult> RunAsync(TModel model, EncodedBatch input, bool includeGates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        if (TryClaimIdleSlot(model))
        {
            return await RunInlineAsync(model, input, includeGates, cancellationToken).ConfigureAwait(false);
        }

        var entry = Enqueue(model, input, includeGates, cancellationToken);
        using (cancellationToken.Register(static state => ((Entry)state!).Cancel(), entry))
        {
            return await entry.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking requests, runs what is queued, and waits for the workers to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            foreach (var batch in _open.Values)
            {
                MakeEligible(batch);
            }

            _open.Clear();
        }

        // One empty permit per worker: a worker that finds the queue empty while stopping exits.
        _ready.Release(_workers.Length);
        await Task.Run(() =>
        {
            foreach (var worker in _workers)
            {
                worker.Join();
            }
        }).ConfigureAwait(false);
        _ready.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// With no delay configured, nothing waiting and a run slot free, there is nothing to batch with: the request
    /// runs at once on its own thread, on its own rows and under its caller's lease (held for the whole call), so
    /// an idle service pays no hand-off to a worker. Batches form only once every slot is busy.
    /// </summary>
    private bool TryClaimIdleSlot(TModel model)
    {
        if (_options.MaxQueueDelay > TimeSpan.Zero)
        {
            return false;
        }

        lock (_gate)
        {
            return !_stopping && _eligible.Count == 0 && !_open.ContainsKey(model) && _slots.Wait(0);
        }
    }

    private async ValueTask<InferenceResult> RunInlineAsync(TModel model, EncodedBatch input, bool includeGates, CancellationToken cancellationToken)
    {
        try
        {
            var label = _label(model);
            _metrics.BatchQueued(label, TimeSpan.Zero);
            _metrics.BatchRun(label, input.Rows);
            return await _run(model, input, includeGates, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private Entry Enqueue(TModel model, EncodedBatch input, bool includeGates, CancellationToken cancellationToken)
    {
        var lease = _tryLease(model) ?? throw new ObjectDisposedException(typeof(TModel).Name, "The model was released before its rows could be queued.");
        var entry = new Entry(this, input, includeGates, lease, _time.GetTimestamp(), cancellationToken);
        lock (_gate)
        {
            if (_stopping)
            {
                lease.Dispose();
                throw new ObjectDisposedException(nameof(DynamicBatcher));
            }

            // An empty queue takes any request, so one larger than the queue still runs (alone) rather than never.
            if (_queuedRows > 0 && _queuedRows + input.Rows > _options.MaxQueuedRows)
            {
                lease.Dispose();
                throw new BatchQueueFullException(_queuedRows, _options.MaxQueuedRows, _options.RetryAfterSeconds);
            }

            _queuedRows += input.Rows;
            Place(model, entry);
        }

        return entry;
    }

    /// <summary>Puts an entry in its model's open batch, opening one when needed. Caller holds the lock.</summary>
    private void Place(TModel model, Entry entry)
    {
        var max = _options.MaxBatchRows;
        if (entry.Input.Rows >= max)
        {
            var alone = new Batch(this, model);
            alone.Add(entry);
            MakeEligible(alone);
            return;
        }

        if (_open.TryGetValue(model, out var open) && open.Rows + entry.Input.Rows > max)
        {
            // It cannot take this request, so it is as full as it will get: let it go.
            _open.Remove(model);
            MakeEligible(open);
            open = null;
        }

        if (open is null)
        {
            open = new Batch(this, model);
            _open[model] = open;
            if (_options.MaxQueueDelay <= TimeSpan.Zero)
            {
                MakeEligible(open);
            }
            else
            {
                open.Timer = _time.CreateTimer(static state => ((Batch)state!).Owner.DelayElapsed((Batch)state), open, _options.MaxQueueDelay, Timeout.InfiniteTimeSpan);
            }
        }

        open.Add(entry);
        if (open.Rows >= max)
        {
            _open.Remove(model);
            MakeEligible(open);
        }
    }

    private void DelayElapsed(Batch batch)
    {
        lock (_gate)
        {
            if (!batch.Taken)
            {
                MakeEligible(batch);
            }
        }
    }

    /// <summary>Queues the batch for a worker, once. Caller holds the lock.</summary>
    private void MakeEligible(Batch batch)
    {
        if (batch.Eligible)
        {
            return;
        }

        batch.Eligible = true;
        _eligible.Enqueue(batch);

        // Workers wait on their own threads, so releasing under the lock runs no worker code here.
        _ready.Release();
    }

    /// <summary>Removes a cancelled entry whose rows have not been taken yet; false once a worker has them.</summary>
    private bool TryWithdraw(Entry entry)
    {
        lock (_gate)
        {
            var batch = entry.Batch!;
            if (batch.Taken)
            {
                return false;
            }

            batch.Remove(entry);
            _queuedRows -= entry.Input.Rows;
            return true;
        }
    }

    private void Work()
    {
        while (true)
        {
            // A batch waits for a free run slot (shared with requests run at once) and keeps taking rows meanwhile.
            _ready.Wait();
            _slots.Wait();
            EncodedBatch? merged = null;
            try
            {
                Batch? batch;
                lock (_gate)
                {
                    if (!_eligible.TryDequeue(out batch))
                    {
                        if (_stopping)
                        {
                            return;
                        }

                        continue;
                    }

                    batch.Taken = true;
                    if (_open.TryGetValue(batch.Model, out var open) && ReferenceEquals(open, batch))
                    {
                        _open.Remove(batch.Model);
                    }

                    _queuedRows -= batch.Rows;
                    if (batch.Rows > 0)
                    {
                        merged = Merge(batch);
                    }
                }

                batch.Timer?.Dispose();
                if (merged is not null)
                {
                    // The direct runner completes synchronously; a test's fake may not, and this thread may wait for it.
                    RunAsync(batch, merged).GetAwaiter().GetResult();
                }
            }
            finally
            {
                merged?.Dispose();
                _slots.Release();
            }
        }
    }

    /// <summary>Copies every entry's rows into one pooled batch. Caller holds the lock, so no entry can leave meanwhile.</summary>
    private static EncodedBatch Merge(Batch batch)
    {
        var first = batch.Entries[0].Input;
        var merged = EncodedBatch.Rent(batch.Rows, first.NumericWidth, first.CategoricalWidth);
        var numeric = merged.Numeric.Span;
        var categorical = merged.Categorical.Span;
        var offset = 0;
        foreach (var entry in batch.Entries)
        {
            var input = entry.Input;
            input.Numeric.Span.CopyTo(numeric[(offset * first.NumericWidth)..]);
            input.Categorical.Span.CopyTo(categorical[(offset * first.CategoricalWidth)..]);
            entry.Offset = offset;
            offset += input.Rows;
        }

        return merged;
    }

    private async Task RunAsync(Batch batch, EncodedBatch merged)
    {
        var entries = batch.Entries;
        var label = _label(batch.Model);
        var now = _time.GetTimestamp();
        var includeGates = false;
        foreach (var entry in entries)
        {
            includeGates |= entry.IncludeGates;
            _metrics.BatchQueued(label, _time.GetElapsedTime(entry.Enqueued, now));
        }

        _metrics.BatchRun(label, merged.Rows);

        // A request alone keeps its cancellation all the way into ONNX Runtime; a shared run finishes for the others.
        var cancellation = entries.Count == 1 ? entries[0].CancellationToken : CancellationToken.None;
        InferenceResult? result = null;
        Exception? failure = null;
        try
        {
            result = await _run(batch.Model, merged, includeGates, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            // Nothing reads the rows after the run; the worker's own dispose of the same batch is then a no-op.
            merged.Dispose();
        }

        var slices = new InferenceResult?[entries.Count];
        try
        {
            for (var i = 0; result is not null && i < entries.Count; i++)
            {
                slices[i] = entries.Count == 1 ? result : Slice(result, entries[i]);
            }
        }
        catch (Exception ex)
        {
            // Outputs that do not fit the rows fail every request of the batch rather than the worker thread.
            Array.Clear(slices);
            failure = ex;
        }
        finally
        {
            // A shared run's outputs were copied into each request's slice; a lone request's result is its own.
            if (entries.Count > 1 || failure is not null)
            {
                result?.ReleaseGates();
            }
        }

        // Leases go before the results, so a caller that sees its answer also sees the batch's hold released.
        foreach (var entry in entries)
        {
            entry.Lease.Dispose();
        }

        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Complete(slices[i], failure);
        }
    }

    private static InferenceResult Slice(InferenceResult result, Entry entry)
    {
        var rows = entry.Input.Rows;
        var tasks = new float[result.Tasks.Count][];
        for (var t = 0; t < tasks.Length; t++)
        {
            tasks[t] = result.Tasks[t].AsSpan(entry.Offset, rows).ToArray();
        }

        float[][]? gates = null;
        if (entry.IncludeGates && result.Gates is { } all)
        {
            gates = new float[all.Count][];
            for (var t = 0; t < gates.Length; t++)
            {
                gates[t] = all[t].AsSpan(entry.Offset * result.Experts, rows * result.Experts).ToArray();
            }
        }

        return new InferenceResult(rows, tasks, gates, result.Experts);
    }

    /// <summary>Requests for one model waiting to run together. Guarded by the batcher's lock.</summary>
    private sealed class Batch(RowBatcher<TModel> owner, TModel model)
    {
        public RowBatcher<TModel> Owner { get; } = owner;

        public TModel Model { get; } = model;

        public List<Entry> Entries { get; } = [];

        public int Rows { get; private set; }

        public bool Eligible { get; set; }

        public bool Taken { get; set; }

        public ITimer? Timer { get; set; }

        public void Add(Entry entry)
        {
            Entries.Add(entry);
            entry.Batch = this;
            Rows += entry.Input.Rows;
        }

        public void Remove(Entry entry)
        {
            Entries.Remove(entry);
            Rows -= entry.Input.Rows;
        }
    }

    /// <summary>One request's rows in a batch, and the promise of its slice of the outputs.</summary>
    private sealed class Entry(RowBatcher<TModel> owner, EncodedBatch input, bool includeGates, IDisposable lease, long enqueued, CancellationToken cancellationToken)
        : TaskCompletionSource<InferenceResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public EncodedBatch Input { get; } = input;

        public bool IncludeGates { get; } = includeGates;

        public IDisposable Lease { get; } = lease;

        public long Enqueued { get; } = enqueued;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Batch? Batch { get; set; }

        public int Offset { get; set; }

        public void Cancel()
        {
            // Not yet taken: the rows leave the batch and the batcher's lease goes now. Taken: the run goes on for
            // the others and this slice is discarded; the lease goes when the run ends.
            if (owner.TryWithdraw(this))
            {
                Lease.Dispose();
            }

            TrySetCanceled(CancellationToken);
        }

        public void Complete(InferenceResult? result, Exception? failure)
        {
            if (result is not null)
            {
                TrySetResult(result);
            }
            else if (failure is OperationCanceledException)
            {
                TrySetCanceled(CancellationToken);
            }
            else
            {
                TrySetException(failure ?? new UnreachableException("A batch ended with neither a result nor a failure."));
            }
        }
    }
}
