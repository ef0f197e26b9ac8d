using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MmoeService.Api.Tests.Unit.Spool;

/// <summary>A logger that completes a task the first time an event id is logged: "the writer has started spooling", made a fact.</summary>
internal sealed class SignallingLogger<T> : ILogger<T>
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _events = new();

    public Task WaitForAsync(int eventId) => Source(eventId).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Source(eventId.Id).TrySetResult();

    private TaskCompletionSource Source(int eventId) =>
        _events.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
