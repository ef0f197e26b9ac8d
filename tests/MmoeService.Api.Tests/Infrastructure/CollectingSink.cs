using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A Serilog sink registered in the host's services (picked up by <c>ReadFrom.Services</c>). The request log event
/// is written after the answer went out, so tests await <see cref="RequestCompleted"/> instead of racing it.
/// </summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public TaskCompletionSource<LogEvent> RequestCompleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        if (logEvent.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/score\"")
        {
            RequestCompleted.TrySetResult(logEvent);
        }
    }
}
