using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.Soak;

/// <summary>
/// The soak's traffic, built before timing starts: valid /score bodies (the model's own example context, N jittered
/// candidates, a fresh requestId per send), four kinds of invalid /score bodies, and /feedback bodies that refer to
/// request ids the soak has scored.
/// </summary>
public sealed class SoakBodies
{
    private readonly string _validTemplate;
    private readonly byte[][] _invalid;

    public SoakBodies(string examplesPath, int candidates, int seed)
    {
        var template = ModelFiles.ReadExamples(examplesPath)[0].Request;
        var random = new Random(seed);
        var request = template.DeepClone().AsObject();
        request["candidates"] = MmoeService.LoadGen.RequestBodies.Candidates(template, candidates, "i-", random);
        request["userId"] = "USER";
        request["requestId"] = "REQUEST";
        _validTemplate = request.ToJsonString();

        var unknown = request.DeepClone().AsObject();
        unknown["context"]!["shoeSize"] = 44;
        var overflow = request.DeepClone().AsObject();
        overflow["candidates"]![0]!["features"]!["duration"] = JsonValue.Create(1e308);
        var wrongType = request.DeepClone().AsObject();
        wrongType["candidates"]![1]!["features"]!["duration"] = "long";
        _invalid =
        [
            Encoding.UTF8.GetBytes(unknown.ToJsonString()),
            Encoding.UTF8.GetBytes(overflow.ToJsonString()),
            Encoding.UTF8.GetBytes(wrongType.ToJsonString()),
            Encoding.UTF8.GetBytes(_validTemplate[..(_validTemplate.Length / 2)]),
        ];
    }

    /// <summary>A valid body for <paramref name="user"/> with <paramref name="requestId"/>.</summary>
    public byte[] Valid(string user, string requestId) => Encoding.UTF8.GetBytes(
        _validTemplate.Replace("\"USER\"", $"\"{user}\"", StringComparison.Ordinal).Replace("\"REQUEST\"", $"\"{requestId}\"", StringComparison.Ordinal));

    public byte[] Invalid(long n) => _invalid[n % _invalid.Length];

    /// <summary>Feedback on the first two items of a scored request.</summary>
    public static byte[] Feedback(string requestId, bool clicked) => Encoding.UTF8.GetBytes(
        $$"""{"events":[{"requestId":"{{requestId}}","itemId":"i-0","clicked":{{(clicked ? "true" : "false")}},"satisfied":false},{"requestId":"{{requestId}}","itemId":"i-1","clicked":false}]}""");
}
