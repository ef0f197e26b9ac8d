using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MmoeService.Client;
using MmoeService.Trainer.Data;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Simulation;

/// <summary>
/// The <c>simulate</c> command: plays synthetic users from the recommendation world against a running
/// service. Per visit it posts <c>/score</c>, lets the user react to the ranking shown (see
/// <see cref="SimulatedAudience"/>), posts the outcomes to <c>/feedback</c>, and at the end prints the
/// experiment's scorecard. It calls the service through the generated client (MmoeService.Client): only the wire
/// contract crosses, the trainer does not reference the API.
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
        var client = new MmoeServiceClient(http);

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
                    var answer = await WithRetryAsync(t => client.ScoreAsync(audience.ScoreRequest(visit), t), "/score", token).ConfigureAwait(false);
                    var events = audience.React(visit, [.. answer.Items?.Select(i => i.ItemId) ?? []]);
                    await WithRetryAsync(t => client.FeedbackAsync(SimulatedAudience.FeedbackRequest(events), t), "/feedback", token).ConfigureAwait(false);
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

        var scorecard = await WithRetryAsync(t => client.GetScorecardAsync(options.Experiment, t), "the scorecard", cancellationToken).ConfigureAwait(false);
        // The summary reads the scorecard's JSON members by name; the typed answer serialises back to exactly those.
        using var document = JsonSerializer.SerializeToDocument(scorecard);
        console.Write(ScorecardSummary.Render(document));
    }

    /// <summary>
    /// One call through the generated client, repeated with a growing pause while the service sheds load (429) or has
    /// no model yet (503); any other failure throws, quoting the problem details.
    /// </summary>
    private static async Task<T> WithRetryAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(token).ConfigureAwait(false);
            }
            catch (MmoeServiceException ex) when (ex.StatusCode is 429 or 503 && attempt < Attempts)
            {
                await Task.Delay(RetryDelay * attempt, token).ConfigureAwait(false);
            }
            catch (MmoeServiceException ex)
            {
                throw new InvalidOperationException($"{what} answered {ex.StatusCode}: {ex.Response}", ex);
            }
        }
    }
}
