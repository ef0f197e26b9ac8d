using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// Deterministic traffic through the real endpoints: users score through <c>POST /score</c> (the router picks their
/// arm), then every returned item gets feedback through <c>POST /feedback</c> with a fixed click rule. Records per
/// arm what the scorecard must then show.
/// </summary>
internal sealed class SeededTraffic
{
    private static readonly string[] Countries = ["US", "IN", "BR", "GB", "DE", "JP", "MX", "FR", "CA", "ES"];
    private static readonly string[] Devices = ["mobile", "desktop", "tv", "tablet"];
    private static readonly string[] Categories = ["music", "science", "education"];

    // One seeded stream for features and outcomes; requests run one at a time, so every run draws the same numbers.
    private readonly Random _random = new(2026);

    public Dictionary<string, SeededArm> Arms { get; } = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    /// <summary>
    /// Users 0 … <paramref name="users"/>-1 score once, the first <paramref name="repeatUsers"/> twice (so a user has
    /// several requests and the per-user clustering matters), five candidates each. An item is clicked with the
    /// probability the serving model predicted for it and satisfies with satisfaction / ctr, so outcomes follow
    /// the predictions (AUC above one half, calibration near 1). The clock moves a minute every 10 requests. Calls
    /// add up: a second call plays the same users again.
    /// </summary>
    public async Task PlayAsync(HttpClient client, FakeTimeProvider time, ExposureCounter counter, int users, int repeatUsers)
    {
        var feedback = new JsonArray();
        for (var round = 0; round < 2; round++)
        {
            for (var user = 0; user < (round == 0 ? users : repeatUsers); user++)
            {
                using var response = await client.PostScoreAsync(Request(user));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = await response.ReadObjectAsync();
                var arm = Arm((string)answer["arm"]!);
                arm.Requests++;
                foreach (var item in answer["items"]!.AsArray())
                {
                    var ctr = (double)item!["ctr"]!;
                    var clicked = _random.NextDouble() < ctr;
                    var satisfied = clicked && _random.NextDouble() < (double)item["satisfaction"]! / ctr;
                    arm.Add($"user-{user}", clicked, satisfied);
                    feedback.Add(new JsonObject
                    {
                        ["requestId"] = (string)answer["requestId"]!,
                        ["itemId"] = (string)item["itemId"]!,
                        ["clicked"] = clicked,
                        ["satisfied"] = satisfied,
                    });
                }

                if (++Requests % 10 == 0)
                {
                    time.Advance(TimeSpan.FromMinutes(1));
                }
            }
        }

        // Every exposure is stored before its feedback arrives, so none is counted as orphaned.
        await counter.WaitForAsync(Requests).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var chunk in feedback.Select(e => e!.DeepClone()).Chunk(500))
        {
            using var posted = await client.PostFeedbackAsync(new JsonObject { ["events"] = new JsonArray(chunk) });
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }
    }

    private JsonObject Request(int user)
    {
        var candidates = new JsonArray();
        for (var k = 0; k < 5; k++)
        {
            candidates.Add(new JsonObject
            {
                ["itemId"] = $"item-{_random.Next(1000)}-{k}",
                ["features"] = new JsonObject
                {
                    ["category"] = Categories[_random.Next(Categories.Length)],
                    ["duration"] = Math.Round(1 + _random.NextDouble() * 60, 1),
                    ["popularity"] = Math.Round(_random.NextDouble(), 4),
                },
            });
        }

        return new JsonObject
        {
            ["userId"] = $"user-{user}",
            ["context"] = new JsonObject
            {
                ["age"] = 18 + user % 50,
                ["country"] = Countries[user % Countries.Length],
                ["device"] = Devices[user % Devices.Length],
                ["hour"] = user % 24,
            },
            ["candidates"] = candidates,
        };
    }

    private SeededArm Arm(string name) => Arms.TryGetValue(name, out var arm) ? arm : Arms[name] = new SeededArm();
}
