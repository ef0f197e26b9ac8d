namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Wraps the configured store and reports every outcome to <see cref="StoreAvailability"/>: any operation that
/// fails with <see cref="StoreUnavailableException"/> marks the store unavailable, any that succeeds marks it back.
/// Owns the wrapped store: the container disposes this wrapper, which disposes the store (its connection pool).
/// </summary>
public sealed class AvailabilityTrackingStore(IExperimentStore inner, StoreAvailability availability) : IExperimentStore, IDisposable
{
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public Task InitializeAsync(CancellationToken cancellationToken) => Track(() => inner.InitializeAsync(cancellationToken));

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken) =>
        Track(() => inner.WriteExposuresAsync(exposures, cancellationToken));

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        Track(() => inner.WriteFeedbackAsync(events, cancellationToken));

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        Track(() => inner.ReadArmObservationsAsync(experiment, cancellationToken));

    private async Task Track(Func<Task> operation)
    {
        try
        {
            await operation();
            availability.Succeeded();
        }
        catch (StoreUnavailableException ex)
        {
            availability.Failed(ex);
            throw;
        }
    }

    private async Task<T> Track<T>(Func<Task<T>> operation)
    {
        try
        {
            var result = await operation();
            availability.Succeeded();
            return result;
        }
        catch (StoreUnavailableException ex)
        {
            availability.Failed(ex);
            throw;
        }
    }
}
