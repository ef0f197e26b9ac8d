using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MmoeService.Api.Exposures;

/// <summary>Bounded hand-off from scoring to the store writer; never blocks the request path.</summary>
public sealed class ExposureQueue(IOptions<ExposureOptions> options)
{
    private readonly Channel<ExposureEvent> _channel = Channel.CreateBounded<ExposureEvent>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ExposureEvent> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public bool TryEnqueue(ExposureEvent exposure) => _channel.Writer.TryWrite(exposure);
}
