using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// The served version of every configured model and the only place versions change. A reload loads and
/// verifies the new version off to the side, then publishes it with one atomic exchange; requests that
/// leased the old snapshot finish on it, and its session is disposed when the last of them lets go
/// (ML.NET PoolLoader's Interlocked.Exchange, Triton's load-then-publish). Reloads of one model are
/// serialised; different models reload independently.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly RepositoryLayout _repository;
    private readonly ModelLoader _loader;
    private readonly ModelMetrics _metrics;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _initialLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelRegistry(
        IOptions<ModelRepositoryOptions> options,
        RepositoryLayout repository,
        ModelLoader loader,
        ModelMetrics metrics,
        ILogger<ModelRegistry> logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _repository = repository;
        _loader = loader;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _entries = options.Value.Served
            .Where(m => m.Value.Enabled)
            .ToDictionary(m => m.Key, m => new Entry(m.Key, m.Value), StringComparer.Ordinal);
        foreach (var model in _entries.Keys)
        {
            metrics.TrackServedFiles(model, () => ServedFilesChanged(model));
        }
    }

    /// <summary>Raised after every load attempt (from the loading thread); tests await it instead of sleeping.</summary>
    public event EventHandler<ModelReloadResult>? ReloadCompleted;

    /// <summary>Configured (enabled) model names.</summary>
    public IReadOnlyCollection<string> ModelNames => _entries.Keys;

    /// <summary>Completes when the first load attempt of every model has finished, whatever its outcome.</summary>
    public Task InitialLoad => _initialLoad.Task;

    /// <summary>True when every configured model serves a version.</summary>
    public bool AllServing => _entries.Values.All(e => e.Current is not null);

    public bool IsConfigured(string model) => _entries.ContainsKey(model);

    /// <summary>Leases the served version of <paramref name="model"/>; null when none is served. The caller disposes the lease.</summary>
    public ModelLease? Acquire(string model)
    {
        if (!_entries.TryGetValue(model, out var entry))
        {
            return null;
        }

        ModelLease? lease = null;

        // Null only when a swap released the snapshot between the read and the lease: read the new one.
        while (lease is null && entry.Current is { } snapshot)
        {
            lease = snapshot.Lease();
        }

        return lease;
    }

    /// <summary>
    /// Loads the version the policy selects if it differs from the served one. <paramref name="force"/>
    /// reloads even an already served or already failed version (the admin endpoint uses it).
    /// </summary>
    public async Task<ModelReloadResult> ReloadAsync(string model, bool force, CancellationToken cancellationToken)
    {
        var entry = _entries.TryGetValue(model, out var found) ? found : throw new KeyNotFoundException($"Model '{model}' is not configured.");
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        ModelReloadResult result;
        try
        {
            result = await ReloadLockedAsync(entry, force, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }

        ReloadCompleted?.Invoke(this, result);
        return result;
    }

    /// <summary>One pass over every model; never throws for a bad version (the failure is recorded instead).</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var model in _entries.Keys)
            {
                await ReloadAsync(model, force: false, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _initialLoad.TrySetResult();
        }
    }

    /// <summary>
    /// True when the served version's files on disk are gone or differ from what was loaded (deleted, overwritten,
    /// corrupted). The version keeps serving from memory, but a restart or a forced reload would not bring it back.
    /// </summary>
    public bool ServedFilesChanged(string model) =>
        _entries.TryGetValue(model, out var entry)
        && entry.Current is { } current
        && !string.Equals(_repository.Fingerprint(model, current.Version), entry.LoadedFingerprint, StringComparison.Ordinal);

    public IReadOnlyList<ModelStatus> Describe() => _entries.Values
        .OrderBy(e => e.Name, StringComparer.Ordinal)
        .Select(Describe)
        .ToArray();

    public ModelStatus Describe(string model) => Describe(_entries[model]);

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            Interlocked.Exchange(ref entry.Current, null)?.Release();
            entry.Dispose();
        }
    }

    private static ModelStatus Describe(Entry entry)
    {
        var current = entry.Current;
        var state = current is not null ? ModelState.Serving : entry.Attempted ? ModelState.Unavailable : ModelState.Loading;
        var manifest = current?.Manifest;
        return new ModelStatus(
            entry.Name,
            state,
            entry.Policy.PinnedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ServedModelOptions.Latest,
            current?.Version,
            manifest?.Architecture,
            manifest?.Tasks.Select(t => t.Name).ToArray() ?? [],
            manifest?.GateWidth,
            manifest?.Features.Names.ToArray() ?? [],
            current?.ExecutionProvider,
            current?.LoadedAt,
            entry.LastError);
    }

    private async Task<ModelReloadResult> ReloadLockedAsync(Entry entry, bool force, CancellationToken cancellationToken)
    {
        var served = entry.Current?.Version;
        var target = _repository.Select(entry.Name, entry.Policy);
        if (target is not { } version)
        {
            var policy = entry.Policy.PinnedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ServedModelOptions.Latest;
            var directory = _repository.ModelDirectory(entry.Name);
            var message = $"No version folder matching policy '{policy}' under {directory}.";
            if (served is null || force)
            {
                // Worth reporting only while nothing serves; a pinned version that vanished keeps serving from memory.
                ModelsLog.NoVersionFound(_logger, entry.Name, policy, directory);
                entry.LastError = new ModelLoadError(null, message, _time.GetUtcNow());
            }

            entry.Attempted = true;
            return new ModelReloadResult(entry.Name, ReloadOutcome.NoVersion, null, served, message);
        }

        var fingerprint = _repository.Fingerprint(entry.Name, version);
        if (!force && (served == version || entry.FailedAttempt == (version, fingerprint)))
        {
            return new ModelReloadResult(entry.Name, ReloadOutcome.Unchanged, version, served, null);
        }

        var stopwatch = Stopwatch.StartNew();
        ModelSnapshot snapshot;
        try
        {
            var directory = _repository.VersionDirectory(entry.Name, version);
            snapshot = await Task.Run(() => _loader.Load(entry.Name, version, directory), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = ex is ModelLoadException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            entry.LastError = new ModelLoadError(version, reason, _time.GetUtcNow());
            entry.FailedAttempt = (version, fingerprint);
            entry.Attempted = true;
            _metrics.ModelLoadFailed(entry.Name);
            ModelsLog.ModelLoadFailed(_logger, entry.Name, version, served, reason);
            return new ModelReloadResult(entry.Name, ReloadOutcome.Failed, version, served, reason);
        }

        // Publish, then drop the registry's reference to the old version: leases taken before the exchange
        // keep it alive until their requests finish.
        entry.LoadedFingerprint = fingerprint;
        var previous = Interlocked.Exchange(ref entry.Current, snapshot);
        entry.FailedAttempt = null;
        entry.Attempted = true;
        if (previous is not null)
        {
            previous.Release();
            ModelsLog.ModelRetired(_logger, entry.Name, previous.Version);
        }

        _metrics.ModelLoaded(entry.Name, version);
        ModelsLog.ModelLoaded(_logger, entry.Name, version, snapshot.ExecutionProvider, stopwatch.ElapsedMilliseconds, previous?.Version);
        return new ModelReloadResult(entry.Name, ReloadOutcome.Loaded, version, version, null);
    }

    /// <summary>Mutable per-model state; fields other than <see cref="Current"/> are written only under <see cref="Gate"/>.</summary>
    private sealed class Entry(string name, ServedModelOptions policy) : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);

        public volatile ModelSnapshot? Current;

        public string Name { get; } = name;

        public ServedModelOptions Policy { get; } = policy;

        public volatile ModelLoadError? LastError;

        public (int Version, string Fingerprint)? FailedAttempt { get; set; }

        public volatile bool Attempted;

        /// <summary>Fingerprint of the served version's files when it was loaded.</summary>
        public volatile string? LoadedFingerprint;

        public void Dispose() => Gate.Dispose();
    }
}
