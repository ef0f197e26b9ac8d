using System.Collections.Concurrent;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>Completes a task per request id once the store has committed that request's exposure.</summary>
public sealed class ExposureSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExposureEvent>> _written = new(StringComparer.Ordinal);

    /// <summary>The committed exposure of <paramref name="requestId"/>; fails after <paramref name="timeoutSeconds"/>.</summary>
    public Task<ExposureEvent> WaitForAsync(string requestId, int timeoutSeconds = 30) =>
        Source(requestId).Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));

    public IExperimentStore Wrap(IExperimentStore inner) => new Signalling(inner, this);

    private TaskCompletionSource<ExposureEvent> Source(string requestId) =>
        _written.GetOrAdd(requestId, _ => new TaskCompletionSource<ExposureEvent>(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Signalling(IExperimentStore inner, ExposureSignal signal) : ForwardingStore(inner)
    {
        public override async Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
        {
            var written = await base.WriteExposuresAsync(exposures, cancellationToken);
            foreach (var exposure in exposures)
            {
                signal.Source(exposure.RequestId).TrySetResult(exposure);
            }

            return written;
        }
    }
}
