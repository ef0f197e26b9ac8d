using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// An in-memory store for writer tests: records written exposures, fails the first <see cref="FailuresLeft"/> writes
/// (or every write with <see cref="AlwaysFail"/>), and completes <see cref="WaitForAsync"/> tasks once enough are written.
/// </summary>
internal sealed class RecordingStore : IExperimentStore
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<ExposureEvent> Written { get; } = [];

    public int FailuresLeft { get; set; }

    public bool AlwaysFail { get; set; }

    public int Attempts { get; private set; }

    public Task FirstFailure => _firstFailure.Task;

    public Task WaitForAsync(int count)
    {
        lock (_gate)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            Release();
            return done.Task;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Attempts++;
            if (AlwaysFail || FailuresLeft > 0)
            {
                FailuresLeft--;
                _firstFailure.TrySetResult();
                throw new StoreUnavailableException("store down (test)");
            }

            Written.AddRange(exposures);
            Release();
            return Task.FromResult(exposures.Count);
        }
    }

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private void Release()
    {
        foreach (var waiter in _waiters.Where(w => Written.Count >= w.Count).ToArray())
        {
            waiter.Done.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}
