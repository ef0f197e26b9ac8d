using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Trainer.Data;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// The <c>simulate</c> command: plays synthetic users from the recommendation world against a running
/// service. Per visit it posts <c>/score</c>, lets the user react to the ranking shown (see
/// <see cref="SimulatedAudience"/>), posts the outcomes to <c>/feedback</c>, and at the end prints the
/// experiment's scorecard. Only JSON crosses: the trainer does not reference the API.
/// </summary>
public sealed class SimulationJob(IOptions<SimulationOptions> simulationOptions, IOptions<DataOptions> dataOptions, IAnsiConsole console) : ITrainerJob
{
    /// <summary>Attempts per call when the service sheds load (429) or has no model yet (503).</summary>
    private const int Attempts = 8;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    public void Run(CancellationToken cancellationToken) => RunAsync(cancellationToken).GetAwaiter().GetResult();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = simulationOptions.Value;
        var data = dataOptions.Value;
        var world = RecommendationWorld.Create(data.SyntheticRecommendation, data.Seed);
        var audience = new SimulatedAudience(world, options);
        console.MarkupLine(CultureInfo.InvariantCulture, "simulate: {0:N0} users x {1} requests, {2} candidates, top {3} shown, seed {4}; world seed {5}, task correlation {6} -> {7}",
            options.Users, options.RequestsPerUser, options.Candidates, options.Shown, options.Seed, data.Seed, data.SyntheticRecommendation.TaskCorrelation, Markup.Escape(options.Url));

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };

        var stopwatch = Stopwatch.StartNew();
        long done = 0, clicks = 0, impressions = 0;
        var step = Math.Max(1, options.Users / 20);
        var progressGate = new Lock();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Users),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (user, token) =>
            {
                for (var request = 0; request < options.RequestsPerUser; request++)
                {
                    var visit = audience.Visit(user, request);
                    var ranked = await ScoreAsync(http, audience.ScoreRequest(visit), token).ConfigureAwait(false);
                    var events = audience.React(visit, ranked);
                    using var receipt = await PostAsync(http, "/feedback", SimulatedAudience.FeedbackRequest(events), token).ConfigureAwait(false);
                    Interlocked.Add(ref impressions, events.Count);
                    Interlocked.Add(ref clicks, events.Count(e => e.Clicked));
                }

                var finished = Interlocked.Increment(ref done);
                if (finished % step == 0 || finished == options.Users)
                {
                    lock (progressGate)
                    {
                        console.MarkupLine(CultureInfo.InvariantCulture, "  {0,10:N0} users  {1,8:N0} requests/s  CTR so far {2:P2}",
                            finished, finished * options.RequestsPerUser / stopwatch.Elapsed.TotalSeconds, (double)Interlocked.Read(ref clicks) / Math.Max(1, Interlocked.Read(ref impressions)));
                    }
                }
            }).ConfigureAwait(false);

        console.MarkupLine(CultureInfo.InvariantCulture, "done: {0:N0} users, {1:N0} requests, {2:N0} impressions, {3:N0} clicks in {4:F1} s",
            options.Users, (long)options.Users * options.RequestsPerUser, impressions, clicks, stopwatch.Elapsed.TotalSeconds);

        var scorecard = await GetAsync(http, $"/experiments/{Uri.EscapeDataString(options.Experiment)}/scorecard", cancellationToken).ConfigureAwait(false);
        console.Write(ScorecardSummary.Render(scorecard));
    }

    private static async Task<IReadOnlyList<string>> ScoreAsync(HttpClient http, JsonObject body, CancellationToken token)
    {
        using var answer = await PostAsync(http, "/score", body, token).ConfigureAwait(false);
        return [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string path, JsonObject body, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(path, body, token).ConfigureAwait(false);
            if (await ReadAsync(response, path, attempt, token).ConfigureAwait(false) is { } document)
            {
                return document;
            }

            await Task.Delay(RetryDelay * attempt, token).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument> GetAsync(HttpClient http, string path, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync(path, token).ConfigureAwait(false);
            if (await ReadAsync(response, path, attempt, token).ConfigureAwait(false) is { } document)
            {
                return document;
            }

            await Task.Delay(RetryDelay * attempt, token).ConfigureAwait(false);
        }
    }

    /// <summary>The answer's JSON; null to retry a 429/503; throws on any other failure, quoting the problem details.</summary>
    private static async Task<JsonDocument?> ReadAsync(HttpResponseMessage response, string path, int attempt, CancellationToken token)
    {
        if (response.IsSuccessStatusCode)
        {
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: token).ConfigureAwait(false);
            }
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < Attempts)
        {
            return null;
        }

        var problem = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {problem}");
    }
}
