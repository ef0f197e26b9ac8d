using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>
/// Property-based fuzzing of the data-plane endpoints (<c>/score</c>, <c>/models/{name}/score</c>, <c>/feedback</c>) with CsCheck: random JSON, mutated valid requests, wrong
/// types, huge numbers, deep nesting, unicode and duplicate keys. The property: never a 5xx, every non-2xx is
/// problem details whose status matches, and the service is still ready afterwards. The seed is fixed; a failure
/// prints the shrunk body and its own seed to replay it.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class FuzzTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    /// <summary>Bodies per endpoint: enough to reach every parser and validator branch, about five seconds on two cores.</summary>
    private const long Iterations = 1000;

    private static readonly string Seed = new PCG(1, 20261203).ToString();

    private static readonly string Example = ApiClient.ExampleRequest().ToJsonString();

    private static readonly string[] Keys =
    [
        "userId", "requestId", "context", "candidates", "itemId", "features", "topK", "includeGates",
        "age", "duration", "category", "country", "device", "hour", "popularity", "events", "label", "value",
        "", "USERID", "user\u0000Id", "ключ", "键", "😀", "__proto__", "$type",
    ];

    private static readonly string[] NumberTokens =
    [
        "0", "-0", "1", "-1", "39", "1e308", "-1e308", "1e30", "1e999", "-1e999", "3.4028235e38", "3.5e38", "1e-400",
        "123456789012345678901234567890", "-9223372036854775809", "0.1e1", "2147483648", "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char, 0, 24],
        Gen.String[Gen.Char["aé€😀\u200b\u202e\u0000\"\\/ \t\n"], 0, 24],
        Gen.Const(new string('x', 5000)));

    private static readonly Gen<string> Leaf = Gen.OneOf(
        Gen.OneOf(NumberTokens),
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Text.Select(s => JsonSerializer.Serialize(s)),
        Text.Select(s => "\"" + s + "\""),
        Gen.OneOf("true", "false", "null", "\"\"", "[]", "{}"));

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 4
        ? Leaf
        : Gen.Frequency(
            (4, Leaf),
            (1, value.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Gen.OneOf(Gen.OneOf(Keys), Text), value).Array[0, 6]
                .Select(members => "{" + string.Join(",", members.Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}"))));

    private static readonly string FeedbackExample =
        """{"events":[{"requestId":"r1","itemId":"item-0","clicked":true,"satisfied":false,"time":"2026-01-01T00:00:00Z"},{"requestId":"r2","itemId":"item-1","clicked":false}]}""";

    private static readonly string[] ScoreTokens = ["\"age\":39", "\"country\":\"IN\"", "\"userId\":\"user-0\"", "\"itemId\":\"item-0\"", "\"duration\":5.2", "\"hour\":21"];

    private static readonly string[] FeedbackTokens = ["\"requestId\":\"r1\"", "\"itemId\":\"item-0\"", "\"clicked\":true", "\"satisfied\":false", "\"time\":\"2026-01-01T00:00:00Z\"", "\"events\":"];

    /// <summary>Right shape, random contents: reaches the validators behind the parser.</summary>
    private static readonly Gen<string> ShapedScore = Gen.Select(Value, Value, Gen.Select(Value, Value).Array[0, 4], Value,
        (user, context, candidates, topK) =>
            "{\"userId\":" + user + ",\"context\":" + context + ",\"topK\":" + topK + ",\"candidates\":[" +
            string.Join(",", candidates.Select(c => "{\"itemId\":" + c.Item1 + ",\"features\":" + c.Item2 + "}")) + "]}");

    private static readonly Gen<string> ShapedFeedback = Gen.Select(Value, Value, Value, Value, Value).Array[0, 4].Select(events =>
        "{\"events\":[" + string.Join(",", events.Select(e =>
            "{\"requestId\":" + e.Item1 + ",\"itemId\":" + e.Item2 + ",\"clicked\":" + e.Item3 + ",\"satisfied\":" + e.Item4 + ",\"time\":" + e.Item5 + "}")) + "]}");

    public static TheoryData<string> Endpoints() => ["/score", "/models/mmoe/score", "/feedback"];

    private static Gen<string> Bodies(string path) => path == "/feedback"
        ? Gen.Frequency((3, Mutated(FeedbackExample, FeedbackTokens)), (2, ShapedFeedback), (2, Value), (1, Deep(FeedbackExample, "\"clicked\":true")))
        : Gen.Frequency((3, Mutated(Example, ScoreTokens)), (2, ShapedScore), (2, Value), (1, Deep(Example, "\"age\":39")));

    /// <summary>A valid body with one value nested thousands of levels deep (arrays or objects).</summary>
    private static Gen<string> Deep(string example, string token) => Gen.Select(Gen.Int[1, 3000], Gen.Bool, (depth, array) =>
    {
        var key = token[..(token.IndexOf(':', StringComparison.Ordinal) + 1)];
        var nested = array
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        return example.Replace(token, key + nested, StringComparison.Ordinal);
    });

    /// <summary>A valid body with one value replaced, one property repeated, or its text cut, spliced or flipped.</summary>
    private static Gen<string> Mutated(string example, string[] tokens) => Gen.OneOf(
        Gen.Select(Gen.OneOf(tokens), Value,
            (token, value) => example.Replace(token, token[..(token.IndexOf(':', StringComparison.Ordinal) + 1)] + value, StringComparison.Ordinal)),
        Gen.Select(Gen.OneOf(Keys), Value, (key, value) => "{" + JsonSerializer.Serialize(key) + ":" + value + "," + example[1..]),
        Gen.OneOf(tokens).Select(token =>
        {
            var key = token[..(token.IndexOf(':', StringComparison.Ordinal) + 1)];
            return example.Replace(key, key + "null," + key, StringComparison.Ordinal);
        }),
        Gen.Int[0, example.Length].Select(cut => example[..cut]),
        Gen.Select(Gen.Int[0, example.Length - 1], Gen.Char, (at, c) => example[..at] + c + example[(at + 1)..]),
        Gen.Select(Gen.Int[0, example.Length], Value, (at, value) => example[..at] + value + example[at..]));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Fuzz_AnyBody_NeverA5xxAndAlwaysProblemDetails(string path)
    {
        var client = fixture.Client;
        var sent = 0;

        await Bodies(path).SampleAsync(
            body =>
            {
                Interlocked.Increment(ref sent);
                return AssertWellBehavedAsync(client, path, body);
            },
            seed: Seed,
            iter: Iterations,
            threads: 1);

        Assert.True(sent >= Iterations, $"{sent} bodies sent");

        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task AssertWellBehavedAsync(HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{status} for a fuzzed body: {text}");
        if (status is >= 200 and < 300)
        {
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
    }
}
