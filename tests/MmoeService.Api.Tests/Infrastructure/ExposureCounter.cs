using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// Wraps the host's real store and lets a test await the moment the exposure writer has committed a number of
/// exposures (the writer drains the queue in the background, so scoring returns before the store has them).
/// </summary>
internal sealed class ExposureCounter(IExperimentStore inner) : IExperimentStore
{
    private readonly Lock _lock = new();
    private readonly List<(int Total, TaskCompletionSource Reached)> _waiters = [];
    private int _written;

    public Task WaitForAsync(int total)
    {
        lock (_lock)
        {
            if (_written >= total)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((total, reached));
            return reached.Task;
        }
    }

    public async Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        var written = await inner.WriteExposuresAsync(exposures, cancellationToken);
        lock (_lock)
        {
            _written += written;
            foreach (var waiter in _waiters.Where(w => _written >= w.Total).ToArray())
            {
                waiter.Reached.SetResult();
                _waiters.Remove(waiter);
            }
        }

        return written;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        inner.WriteFeedbackAsync(events, cancellationToken);

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        inner.ReadArmObservationsAsync(experiment, cancellationToken);
}
