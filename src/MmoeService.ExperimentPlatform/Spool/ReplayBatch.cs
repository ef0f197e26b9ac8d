using MmoeService.ExperimentPlatform.Exposures;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// The oldest spooled exposures, in spool order, read but not yet acknowledged: a failed store write leaves them in
/// the spool and the next <see cref="ExposureSpool.ReadBatch"/> reads them again.
/// </summary>
public sealed class ReplayBatch
{
    internal ReplayBatch(IReadOnlyList<ExposureEvent> events, IReadOnlyList<(SpoolSegment Segment, long Records)> consumed, long endSegment, long endOffset)
    {
        Events = events;
        Consumed = consumed;
        EndSegment = endSegment;
        EndOffset = endOffset;
    }

    public IReadOnlyList<ExposureEvent> Events { get; }

    /// <summary>Intact records taken from each segment (undecodable ones included: they are consumed too).</summary>
    internal IReadOnlyList<(SpoolSegment Segment, long Records)> Consumed { get; }

    internal long EndSegment { get; }

    internal long EndOffset { get; }
}
