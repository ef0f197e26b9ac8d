using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MmoeService.Client;
using MmoeService.Contracts;

namespace MmoeService.Soak;

/// <summary>
/// The soak's traffic, built before timing starts: valid /score requests (the model's own example context, N jittered
/// candidates, a fresh requestId per send) and /feedback requests as the generated client's records, plus four kinds
/// of invalid /score bodies, derived from the same record and broken on purpose, which only raw bytes can carry.
/// </summary>
public sealed class SoakBodies
{
    // As the generated client writes: an unset optional member is left out rather than sent as null.
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ScoreRequest _template;
    private readonly byte[][] _invalid;

    public SoakBodies(string examplesPath, int candidates, int seed)
    {
        var example = ModelFiles.ReadExamples(examplesPath)[0].Request;
        var random = new Random(seed);
        example["candidates"] = MmoeService.LoadGen.RequestBodies.Candidates(example, candidates, "i-", random);
        _template = example.Deserialize<ScoreRequest>(JsonSerializerOptions.Web)
            ?? throw new JsonException($"{examplesPath}: the first example holds no request.");

        var valid = JsonSerializer.SerializeToNode(Valid("user", "request"), Wire)!.AsObject();
        var unknown = valid.DeepClone().AsObject();
        unknown["context"]!["shoeSize"] = 44;
        var overflow = valid.DeepClone().AsObject();
        overflow["candidates"]![0]!["features"]!["duration"] = JsonValue.Create(1e308);
        var wrongType = valid.DeepClone().AsObject();
        wrongType["candidates"]![1]!["features"]!["duration"] = "long";
        var text = valid.ToJsonString();
        _invalid =
        [
            Encoding.UTF8.GetBytes(unknown.ToJsonString()),
            Encoding.UTF8.GetBytes(overflow.ToJsonString()),
            Encoding.UTF8.GetBytes(wrongType.ToJsonString()),
            Encoding.UTF8.GetBytes(text[..(text.Length / 2)]),
        ];
    }

    /// <summary>A valid request for <paramref name="user"/> with <paramref name="requestId"/>; context and candidates are shared, never changed.</summary>
    public ScoreRequest Valid(string user, string requestId) => new()
    {
        UserId = user,
        RequestId = requestId,
        Context = _template.Context,
        Candidates = _template.Candidates,
        TopK = _template.TopK,
        IncludeGates = _template.IncludeGates,
    };

    public byte[] Invalid(long n) => _invalid[n % _invalid.Length];

    /// <summary>Feedback on the first two items of a scored request.</summary>
    public static FeedbackRequest Feedback(string requestId, bool clicked) => new()
    {
        Events =
        [
            new FeedbackEventBody { RequestId = requestId, ItemId = "i-0", Clicked = clicked, Satisfied = false },
            new FeedbackEventBody { RequestId = requestId, ItemId = "i-1", Clicked = false },
        ],
    };
}
