namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// A request's hold on a <see cref="ModelSnapshot"/>: the session stays alive until the lease is disposed,
/// even if a newer version is swapped in meanwhile. Dispose exactly once (a <c>using</c> declaration).
/// </summary>
public sealed class ModelLease : IDisposable
{
    private ModelSnapshot? _snapshot;

    internal ModelLease(ModelSnapshot snapshot) => _snapshot = snapshot;

    public ModelSnapshot Snapshot => _snapshot ?? throw new ObjectDisposedException(nameof(ModelLease));

    public void Dispose() => Interlocked.Exchange(ref _snapshot, null)?.Release();
}
