using MmoeService.ExperimentPlatform;
using System.Text.Json;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Api.Tests.Spool;

[Trait("Kind", "Unit")]
public sealed class ExposureCodecTests
{
    public static TheoryData<ExposureEvent> Events() =>
    [
        new ExposureEvent(
            "req-1", "mmoe-vs-shared-bottom", "mmoe", true, AssignmentReason.Override, "hash", "mmoe", 3, ["ctr", "satisfaction"],
            [new ShownItem("a", 1, [0.9f, 0.1f], 0.09), new ShownItem("ünïcödé", 2, [0.5f, float.Epsilon], -1.5)],
            [[0.25f, 0.75f], [1f, 0f]], [0.5f, 1f], 7, 200, 12.375, new DateTimeOffset(2026, 12, 6, 20, 0, 0, 123, TimeSpan.FromHours(2))),
        new ExposureEvent(
            "req-3", "interleaved-experiment", "interleaved", true, AssignmentReason.Hash, "hash", "shared-bottom", 1, ["ctr"],
            [new ShownItem("a", 1, [0.2f], 0.2, Team.Treatment), new ShownItem("b", 2, [0.1f], 0.1, Team.Control)],
            null, null, 2, 200, 3.5, DateTimeOffset.UnixEpoch),
        new ExposureEvent(
            "req-2", null, "shared-bottom", false, AssignmentReason.Default, "", "shared-bottom", null, [], [], null, null, 0, 503, 0,
            DateTimeOffset.UnixEpoch),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Codec_RoundTrip_PreservesEveryField(ExposureEvent exposure)
    {
        using var stream = new MemoryStream();
        ExposureCodec.Encode(exposure, stream);

        var decoded = ExposureCodec.Decode(stream.ToArray());

        Assert.Equal(JsonSerializer.Serialize(exposure), JsonSerializer.Serialize(decoded));
        Assert.Equal(exposure.Time.Offset, decoded.Time.Offset);
    }

    [Fact]
    public void Codec_UnknownVersion_IsRejectedNotGuessed()
    {
        using var stream = new MemoryStream();
        ExposureCodec.Encode(SpoolFolder.Exposure(1), stream);
        var bytes = stream.ToArray();
        bytes[0] = 99;

        Assert.Throws<InvalidDataException>(() => ExposureCodec.Decode(bytes));
    }

    [Fact]
    public void Codec_TruncatedRecord_IsRejected()
    {
        using var stream = new MemoryStream();
        ExposureCodec.Encode(SpoolFolder.Exposure(1), stream);

        Assert.Throws<InvalidDataException>(() => ExposureCodec.Decode(stream.ToArray().AsMemory(0, (int)stream.Length - 5)));
    }
}
