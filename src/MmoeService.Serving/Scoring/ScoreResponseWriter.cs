using System.Buffers;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>Writes a <see cref="ScoreResponse"/> as the API's JSON, as the endpoint does (benchmarks call this).</summary>
public static class ScoreResponseWriter
{
    public static void Write(IBufferWriter<byte> output, ScoreResponse response)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, response, ScoringJsonContext.Default.ScoreResponse);
    }
}
