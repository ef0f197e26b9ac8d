using System.Text.Json;
using System.Text.Json.Serialization;
using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Compile-time JSON metadata for the scoring contract: no reflection on the request path. The strict rules
/// (numbers must be numbers, no repeated properties, the feature value converter) are set on the options that use
/// it, <see cref="ScoreRequestReader.JsonOptions"/>; the HTTP answer uses it through the host's JSON options.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ScoreRequest))]
[JsonSerializable(typeof(ScoreResponse))]
[JsonSerializable(typeof(Dictionary<string, FeatureValue>))]
public sealed partial class ScoringJsonContext : JsonSerializerContext;
