using System.Collections.Concurrent;
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
/// <see cref="SimulatedAudience"/>), posts the outcomes to <c>/feedback</c>; it reads the experiment's scorecard
/// every <c>LookEvery</c> users and at the end, appends each look to <c>Report</c>, and prints the last one with the
/// oracle's true rates of every arm beside the measured ones. It calls the service through the generated client
/// (MmoeService.Client): only the wire contract crosses, the trainer does not reference the API.
/// </summary>
public sealed class SimulationJob(IOptions<SimulationOptions> simulationOptions, IOptions<DataOptions> dataOptions, IAnsiConsole console) : ITrainerJob
{
    /// <summary>Attempts per call when the service sheds load (429) or has no model yet (503).</summary>
    private const int Attempts = 8;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public void Run(CancellationToken cancellationToken) => RunAsync(cancellationToken).GetAwaiter().GetResult();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = simulationOptions.Value;
        var data = dataOptions.Value;
        var world = RecommendationWorld.Create(data.SyntheticRecommendation, data.Seed);
        var audience = new SimulatedAudience(world, options);
        console.MarkupLine(CultureInfo.InvariantCulture,
            "simulate {0} ({1}): {2:N0} users (persons {3:N0}..), {4} requests each, {5} candidates, top {6} shown, seed {7}; world seed {8}, task correlation {9} -> {10}",
            options.Phase, options.Design, options.Users, options.Person(0), options.Phase == SimulationPhase.PrePeriod ? options.PrePeriodRequests : options.RequestsPerUser,
            options.Candidates, options.Shown, options.Seed, data.Seed, data.SyntheticRecommendation.TaskCorrelation, Markup.Escape(options.Url));

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
        var client = new MmoeServiceClient(http);
        if (options.Phase == SimulationPhase.Experiment && options.Design != SimulationDesign.ModelComparison)
        {
            await RequireOneModelAsync(client, options.Experiment, cancellationToken).ConfigureAwait(false);
        }

        var requests = options.Phase == SimulationPhase.PrePeriod ? options.PrePeriodRequests : options.RequestsPerUser;
        var oracle = new ConcurrentDictionary<string, ArmOracle>(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        long done = 0, clicks = 0, impressions = 0;
        var look = 0;
        var step = Math.Max(1, options.Users / 20);
        var progressGate = new Lock();
        using var lookGate = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Users),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (user, token) =>
            {
                for (var request = 0; request < requests; request++)
                {
                    var visit = audience.Visit(user, request, options.Phase == SimulationPhase.PrePeriod);
                    var answer = await WithRetryAsync(t => client.ScoreAsync(audience.ScoreRequest(visit), t), "/score", token).ConfigureAwait(false);
                    var shown = answer.Items?.Select(i => i.ItemId ?? string.Empty).ToArray() ?? [];
                    var effect = options.Design == SimulationDesign.KnownEffect && answer.Arm == options.TreatmentArm ? 1 + options.Effect : 1;
                    var events = audience.React(visit, shown, effect);
                    await WithRetryAsync(t => client.FeedbackAsync(SimulatedAudience.FeedbackRequest(events), t), "/feedback", token).ConfigureAwait(false);
                    oracle.GetOrAdd(answer.Arm ?? string.Empty, _ => new ArmOracle()).Add(audience.Expected(visit, shown, effect), shown.Length);
                    Interlocked.Add(ref impressions, events.Count);
                    Interlocked.Add(ref clicks, events.Count(e => e.Clicked));
                }

                var finished = Interlocked.Increment(ref done);
                if (finished % step == 0 || finished == options.Users)
                {
                    lock (progressGate)
                    {
                        console.MarkupLine(CultureInfo.InvariantCulture, "  {0,10:N0} users  {1,8:N0} requests/s  CTR so far {2:P2}",
                            finished, finished * requests / stopwatch.Elapsed.TotalSeconds, (double)Interlocked.Read(ref clicks) / Math.Max(1, Interlocked.Read(ref impressions)));
                    }
                }

                if (options.Phase == SimulationPhase.Experiment && options.LookEvery > 0 && finished % options.LookEvery == 0 && finished < options.Users)
                {
                    // Looks are taken one at a time and numbered in order; users keep playing meanwhile.
                    await lookGate.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        using var interim = await ScorecardAsync(client, options.Experiment, token).ConfigureAwait(false);
                        Append(options, Readings(options, interim, look++, finished, oracle));
                    }
                    finally
                    {
                        lookGate.Release();
                    }
                }
            }).ConfigureAwait(false);

        console.MarkupLine(CultureInfo.InvariantCulture, "done: {0:N0} users, {1:N0} requests, {2:N0} impressions, {3:N0} clicks in {4:F1} s",
            options.Users, (long)options.Users * requests, impressions, clicks, stopwatch.Elapsed.TotalSeconds);
        if (options.Phase == SimulationPhase.PrePeriod)
        {
            return;
        }

        using var document = await ScorecardAsync(client, options.Experiment, cancellationToken).ConfigureAwait(false);
        var readings = Readings(options, document, look, options.Users, oracle);
        Append(options, readings);
        console.Write(ScorecardSummary.Render(document));
        console.Write(ScorecardSummary.Oracle(oracle.ToDictionary(o => o.Key, o => o.Value.Rates()), readings));
    }

    /// <summary>A/A and known-effect designs need both arms to serve one model; anything else would not be a calibration run.</summary>
    private static async Task RequireOneModelAsync(MmoeServiceClient client, string experiment, CancellationToken token) =>
        RequireOneModel(await WithRetryAsync(client.ListExperimentsAsync, "/experiments", token).ConfigureAwait(false), experiment);

    /// <summary>Throws unless <paramref name="experiment"/> is configured and all its arms serve the same model.</summary>
    public static void RequireOneModel(IEnumerable<ExperimentSummary> experiments, string experiment)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var summary = experiments.FirstOrDefault(e => e.Name == experiment)
            ?? throw new InvalidOperationException($"The service has no experiment '{experiment}' (Simulation:Experiment).");
        var models = (summary.Arms ?? []).Select(a => a.Model).Distinct(StringComparer.Ordinal).ToArray();
        if (models.Length != 1)
        {
            throw new InvalidOperationException(
                $"Simulation:Design AA and KnownEffect need an experiment whose arms all serve one model; '{experiment}' serves {string.Join(", ", models)}. Use e.g. mmoe-aa (Experiments:Active=mmoe-aa).");
        }
    }

    private static async Task<JsonDocument> ScorecardAsync(MmoeServiceClient client, string experiment, CancellationToken token)
    {
        var scorecard = await WithRetryAsync(t => client.GetScorecardAsync(experiment, t), "the scorecard", token).ConfigureAwait(false);

        // Readings and the summary use the scorecard's JSON members by name; the typed answer serialises back to exactly those.
        return JsonSerializer.SerializeToDocument(scorecard);
    }

    /// <summary>Every comparison and interleaving task of one look, with the true lift the design knows.</summary>
    public static IReadOnlyList<LookReading> Readings(SimulationOptions options, JsonDocument scorecard, int look, long users, IReadOnlyDictionary<string, ArmOracle> oracle)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(oracle);
        var root = scorecard.RootElement;
        var units = root.GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("arm").GetString() ?? "", a => a.GetProperty("enrolledUnits").GetInt64());
        var design = options.Design.ToString();
        var readings = new List<LookReading>();
        foreach (var comparison in root.GetProperty("comparisons").EnumerateArray())
        {
            var arm = comparison.GetProperty("arm").GetString() ?? "";
            var control = root.GetProperty("controlArm").GetString() ?? "";
            var n = units.GetValueOrDefault(arm) + units.GetValueOrDefault(control);
            foreach (var task in comparison.GetProperty("tasks").EnumerateArray())
            {
                var name = task.GetProperty("task").GetString() ?? "";
                var lift = task.GetProperty("lift");
                var (relative, lower, upper) = (Number(lift, "relative"), Number(lift, "relativeLower"), Number(lift, "relativeUpper"));
                var alwaysValid = task.TryGetProperty("alwaysValid", out var reading) ? Number(reading, "pValue") : null;
                if (alwaysValid is null && Number(lift, "absolute") is { } absolute && Number(lift, "absoluteLower") is { } lo && Number(lift, "absoluteUpper") is { } hi)
                {
                    alwaysValid = AlwaysValid.PValue(absolute, AlwaysValid.StandardErrorOf(lo, hi), n, options.TuningUnits);
                }

                double? truth = options.Design switch
                {
                    SimulationDesign.AA => 0,
                    SimulationDesign.KnownEffect => arm == options.TreatmentArm ? options.Effect : 0,
                    _ => TrueLift(oracle, arm, control, name),
                };
                readings.Add(new LookReading(options.RunId, design, look, users, n, "ab", arm, name, relative, lower, upper, Number(lift, "pValue"), alwaysValid, truth));
            }
        }

        if (root.TryGetProperty("interleaving", out var interleaving) && interleaving.ValueKind == JsonValueKind.Object)
        {
            foreach (var task in interleaving.GetProperty("tasks").EnumerateArray())
            {
                if (task.TryGetProperty("share", out var share) && share.ValueKind == JsonValueKind.Object)
                {
                    readings.Add(new LookReading(
                        options.RunId, design, look, users, interleaving.GetProperty("units").GetInt64(), "interleaving",
                        interleaving.GetProperty("treatmentArm").GetString() ?? "", task.GetProperty("task").GetString() ?? "",
                        Number(share, "value") - 0.5, Number(share, "lower") - 0.5, Number(share, "upper") - 0.5,
                        Number(share, "pValue"), Number(share, "alwaysValidPValue"), null));
                }
            }
        }

        return readings;
    }

    /// <summary>The oracle's relative lift of <paramref name="task"/> (ctr: clicks; otherwise satisfied clicks) per impression.</summary>
    private static double? TrueLift(IReadOnlyDictionary<string, ArmOracle> oracle, string arm, string control, string task)
    {
        if (!oracle.TryGetValue(arm, out var treatment) || !oracle.TryGetValue(control, out var baseline))
        {
            return null;
        }

        var (t, c) = (treatment.Rates(), baseline.Rates());
        var (rateT, rateC) = task == RecommendationWorld.CtrTask ? (t.Ctr, c.Ctr) : (t.Satisfaction, c.Satisfaction);
        return rateC > 0 ? (rateT / rateC) - 1 : null;
    }

    private static void Append(SimulationOptions options, IReadOnlyList<LookReading> readings)
    {
        if (string.IsNullOrEmpty(options.Report))
        {
            return;
        }

        File.AppendAllLines(options.Report, readings.Select(r => JsonSerializer.Serialize(r, ReportJson)));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

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
