using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MmoeService.Trainer.Tests.Training;

/// <summary>Keeps every log event a trainer host writes, so tests can assert on warnings without parsing console output.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> _events = new();

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Events => _events.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(_events);

    public void Dispose() { }

    private sealed class Logger(ConcurrentQueue<(LogLevel, EventId, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}
