using MmoeService.ExperimentPlatform;
using System.Net.Sockets;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>How the store fails the exposure writes it is given.</summary>
public enum StoreFault
{
    None,

    /// <summary>The server is not listening (PostgreSQL stopped): fails at once.</summary>
    ConnectionRefused,

    /// <summary>The command ran into the store's own timeout (Npgsql wraps a TimeoutException).</summary>
    CommandTimeout,

    /// <summary>The commit never comes back and ignores cancellation: only the writer's own timeout helps.</summary>
    Hang,
}

/// <summary>
/// A <see cref="RecordingStore"/> behind a switchable fault: the writer's chaos tests change <see cref="Fault"/> mid-run
/// and await <see cref="HangEntered"/> to know a hanging write has started.
/// </summary>
internal sealed class ChaosStore(RecordingStore recorded) : ForwardingStore(recorded)
{
    private readonly TaskCompletionSource _hangEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _hangReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    public ChaosStore()
        : this(new RecordingStore())
    {
    }

    public RecordingStore Recorded { get; } = recorded;

    public volatile StoreFault Fault;

    public int Failures => Volatile.Read(ref _failures);

    public Task HangEntered => _hangEntered.Task;

    /// <summary>Lets every hanging write finish (committing its batch, as a slow server finally would).</summary>
    public void ReleaseHang() => _hangReleased.TrySetResult();

    public override async Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        switch (Fault)
        {
            case StoreFault.ConnectionRefused:
                Interlocked.Increment(ref _failures);
                throw new StoreUnavailableException("refused (test)", new SocketException((int)SocketError.ConnectionRefused));
            case StoreFault.CommandTimeout:
                Interlocked.Increment(ref _failures);
                throw new StoreUnavailableException("timed out (test)", new TimeoutException("command timeout (test)"));
            case StoreFault.Hang:
                _hangEntered.TrySetResult();
                await _hangReleased.Task;
                break;
        }

        return await base.WriteExposuresAsync(exposures, cancellationToken);
    }
}
