using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Testing;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeLogCollector"/> that also completes a task the first time an event id is logged, so a test awaits
/// "the writer has started spooling" as a fact instead of polling the records.
/// </summary>
internal sealed class LogSignals
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _events = new();

    public LogSignals() => Collector = FakeLogCollector.Create(new FakeLogCollectorOptions
    {
        // The collector hands every record to the sink as text; the event id is all a signal needs.
        OutputFormatter = record => record.Id.Id.ToString(CultureInfo.InvariantCulture),
        OutputSink = id => Source(int.Parse(id, CultureInfo.InvariantCulture)).TrySetResult(),
    });

    public FakeLogCollector Collector { get; }

    public FakeLogger<T> Logger<T>() => new(Collector);

    public Task WaitForAsync(int eventId) => Source(eventId).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Source(int eventId) =>
        _events.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
