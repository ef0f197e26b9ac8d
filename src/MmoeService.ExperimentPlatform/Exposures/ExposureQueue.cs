using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>
/// The bounded hand-off between scoring and the exposure store. Scoring never waits on the store: a full queue
/// drops the new exposure and counts it (<c>mmoe_exposures_total{outcome="dropped"}</c>), it never blocks a request. One
/// reader, the store writer, drains <see cref="Reader"/>.
/// </summary>
public sealed class ExposureQueue
{
    private readonly Channel<ExposureEvent> _channel;
    private readonly ExposureMetrics _metrics;

    public ExposureQueue(IOptions<ExposureOptions> options, ExposureMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _channel = Channel.CreateBounded<ExposureEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        metrics.TrackQueue(() => _channel.Reader.Count);
    }

    /// <summary>The store writer's end.</summary>
    public ChannelReader<ExposureEvent> Reader => _channel.Reader;

    /// <summary>Exposures waiting for the store.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Queues <paramref name="exposure"/> without blocking; false (and counted) when the queue is full or closed.</summary>
    public bool TryEnqueue(ExposureEvent exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);

        // FullMode.Wait makes TryWrite fail instead of silently evicting an older exposure (the Drop* modes would).
        if (_channel.Writer.TryWrite(exposure))
        {
            _metrics.Exposure(exposure.Experiment, exposure.Arm, queued: true);
            return true;
        }

        _metrics.Exposure(exposure.Experiment, exposure.Arm, queued: false);
        return false;
    }

    /// <summary>No more exposures will be written (shutdown); the reader drains what is queued, then completes.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
