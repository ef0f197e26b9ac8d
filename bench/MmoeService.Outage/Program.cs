using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Contracts;
using MmoeService.Outage;

// The store-outage driver (bench/outage starts the service, PostgreSQL and this): finds the service's saturation with
// a closed loop, then sends /score open-loop at a fraction of it plus a steady /feedback stream, runs --stop-command
// after --before seconds, --start-command after --outage more, keeps the load on until the exposure spool has
// drained (plus --after seconds), and writes what it saw as JSON: answers by phase and status, every scored request
// id (200) and every acknowledged feedback request id (202) for the caller to look up in the store, the spool's
// depth, replay rate and the service's RSS sampled each second.
var options = OutageArguments.Parse(args);
var culture = CultureInfo.InvariantCulture;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(30),
};

var template = ModelFiles.ReadExamples(options.Examples)[0].Request.DeepClone().AsObject();
template["candidates"] = MmoeService.LoadGen.RequestBodies.Candidates(template, options.Candidates, "i-", new Random(options.Seed));
template["userId"] = "USER";
template["requestId"] = "REQUEST";
var body = template.ToJsonString();
byte[] Score(long n) => Encoding.UTF8.GetBytes(body
    .Replace("\"USER\"", $"\"outage-user-{n % 5000}\"", StringComparison.Ordinal)
    .Replace("\"REQUEST\"", $"\"{options.Prefix}{n}\"", StringComparison.Ordinal));

long sequence = 0;
async Task<HttpStatusCode?> PostAsync(string path, byte[] content)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
    request.Content.Headers.ContentType = new("application/json");
    try
    {
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        return null;
    }
}

// 1. Saturation: a closed loop of --concurrency clients for --calibration-seconds (requests not recorded as exposures
//    of the run: they carry their own prefix and are left out of every count below).
var calibrationStop = Stopwatch.StartNew();
long calibrated = 0;
await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
{
    while (calibrationStop.Elapsed < options.Calibration)
    {
        if (await PostAsync("/score", Encoding.UTF8.GetBytes(body.Replace("\"REQUEST\"", $"\"calibration-{Interlocked.Increment(ref sequence)}\"", StringComparison.Ordinal).Replace("\"USER\"", "\"calibration\"", StringComparison.Ordinal))) == HttpStatusCode.OK)
        {
            Interlocked.Increment(ref calibrated);
        }
    }
}));
var saturation = calibrated / options.Calibration.TotalSeconds;
var rate = Math.Max(1, saturation * options.Load);
Console.Error.WriteLine(string.Create(culture, $"saturation {saturation:F0} req/s at concurrency {options.Concurrency}; driving {rate:F0} req/s"));

// 2. The run.
var phase = "before";
var answers = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
var scored = new ConcurrentQueue<string>();
var acknowledged = new ConcurrentQueue<string>();
var feedbackCandidates = new ConcurrentQueue<string>();
var samples = new List<JsonObject>();
using var inFlight = new SemaphoreSlim(options.MaxInFlight);
using var running = new CancellationTokenSource();
var clock = Stopwatch.StartNew();
long skipped = 0;

void Count(string kind, HttpStatusCode? status) =>
    answers.AddOrUpdate($"{phase}/{kind}/{(status is { } s ? ((int)s).ToString(culture) : "error")}", 1, (_, n) => n + 1);

async Task SendScoreAsync(long n)
{
    try
    {
        var status = await PostAsync("/score", Score(n));
        Count("score", status);
        if (status == HttpStatusCode.OK)
        {
            scored.Enqueue(options.Prefix + n.ToString(culture));
            if (n % options.FeedbackEvery == 0)
            {
                feedbackCandidates.Enqueue(options.Prefix + n.ToString(culture));
            }
        }
    }
    finally
    {
        inFlight.Release();
    }
}

var scoreLoop = Task.Run(async () =>
{
    long sent = 0;
    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
    while (await timer.WaitForNextTickAsync(running.Token).ConfigureAwait(false))
    {
        var due = (long)(clock.Elapsed.TotalSeconds * rate);
        for (; sent < due; sent++)
        {
            if (!inFlight.Wait(0))
            {
                Interlocked.Increment(ref skipped);   // the client's own limit: counted, not silently queued
                continue;
            }

            _ = SendScoreAsync(sent);
        }
    }
});

// One feedback client: one event per batch, on a request this run scored; 503 is retried later (that is the contract).
var feedbackLoop = Task.Run(async () =>
{
    while (!running.IsCancellationRequested)
    {
        if (!feedbackCandidates.TryDequeue(out var requestId))
        {
            await Task.Delay(20);
            continue;
        }

        var status = await PostAsync("/feedback", Encoding.UTF8.GetBytes(
            $$"""{"events":[{"requestId":"{{requestId}}","itemId":"i-0","clicked":true,"satisfied":false}]}"""));
        Count("feedback", status);
        if (status == HttpStatusCode.Accepted)
        {
            acknowledged.Enqueue(requestId);
        }
        else
        {
            feedbackCandidates.Enqueue(requestId);
            await Task.Delay(100);
        }
    }
});

async Task<Dictionary<string, double>> ScrapeAsync()
{
    var values = new Dictionary<string, double>(StringComparer.Ordinal);
    try
    {
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
        {
            if (line.StartsWith("mmoe_exposure", StringComparison.Ordinal) && line.Split(' ') is [var name, var value]
                && double.TryParse(value, NumberStyles.Float, culture, out var v))
            {
                values[name] = v;
            }
        }
    }
    catch (HttpRequestException)
    {
    }

    return values;
}

double Rss() => File.ReadLines($"/proc/{options.Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? double.Parse(kb, culture) / 1024 : 0;

double Metric(Dictionary<string, double> m, string name) => m.TryGetValue(name, out var v) ? v : 0;

TimeSpan? restartedAt = null, drainedAt = null;
double peakRecords = 0, peakBytes = 0, peakRss = 0;
var rssStart = Rss();
while (true)
{
    await Task.Delay(1000);
    var elapsed = clock.Elapsed;
    if (phase == "before" && elapsed >= options.Before)
    {
        Console.Error.WriteLine($"{elapsed:mm\\:ss} stopping the store: {options.StopCommand}");
        phase = "outage";
        await RunAsync(options.StopCommand);
    }
    else if (phase == "outage" && elapsed >= options.Before + options.Outage)
    {
        Console.Error.WriteLine($"{elapsed:mm\\:ss} starting the store: {options.StartCommand}");
        await RunAsync(options.StartCommand);
        phase = "after";
        restartedAt = clock.Elapsed;
    }

    var metrics = await ScrapeAsync();
    var rss = Rss();
    peakRss = Math.Max(peakRss, rss);
    peakRecords = Math.Max(peakRecords, Metric(metrics, "mmoe_exposure_spool_records"));
    peakBytes = Math.Max(peakBytes, Metric(metrics, "mmoe_exposure_spool_bytes"));
    samples.Add(new JsonObject
    {
        ["t"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
        ["phase"] = phase,
        ["rssMiB"] = Math.Round(rss, 1),
        ["queue"] = Metric(metrics, "mmoe_exposure_queue_depth"),
        ["spoolRecords"] = Metric(metrics, "mmoe_exposure_spool_records"),
        ["spoolBytes"] = Metric(metrics, "mmoe_exposure_spool_bytes"),
        ["spooled"] = Metric(metrics, "mmoe_exposures_spooled_total"),
        ["replayed"] = Metric(metrics, "mmoe_exposures_replayed_total"),
        ["written"] = Metric(metrics, "mmoe_exposures_written_total"),
    });
    if (samples.Count % 10 == 0)
    {
        Console.Error.WriteLine(samples[^1].ToJsonString());
    }

    if (phase == "after" && drainedAt is null && Metric(metrics, "mmoe_exposure_spool_records") == 0 && Metric(metrics, "mmoe_exposure_queue_depth") < options.Candidates)
    {
        drainedAt = clock.Elapsed;
        Console.Error.WriteLine($"{drainedAt:mm\\:ss} spool drained");
    }

    if ((drainedAt is { } d && clock.Elapsed >= d + options.After) || (restartedAt is { } r && clock.Elapsed >= r + options.MaxReplay))
    {
        break;
    }
}

await running.CancelAsync();
try
{
    await scoreLoop;
}
catch (OperationCanceledException)
{
}

await feedbackLoop;
for (var i = 0; i < options.MaxInFlight; i++)
{
    await inFlight.WaitAsync();   // every request sent has its answer
}

var final = await ScrapeAsync();
var report = new JsonObject
{
    ["saturationRps"] = Math.Round(saturation, 1),
    ["concurrency"] = options.Concurrency,
    ["drivenRps"] = Math.Round(rate, 1),
    ["load"] = options.Load,
    ["candidates"] = options.Candidates,
    ["beforeSeconds"] = options.Before.TotalSeconds,
    ["outageSeconds"] = options.Outage.TotalSeconds,
    ["replaySeconds"] = restartedAt is { } rs && drainedAt is { } ds ? Math.Round((ds - rs).TotalSeconds, 1) : null,
    ["drained"] = drainedAt is not null,
    ["clientSkipped"] = Interlocked.Read(ref skipped),
    ["answers"] = new JsonObject(answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
    ["scored"] = scored.Count,
    ["feedbackAcknowledged"] = acknowledged.Count,
    ["peakSpoolRecords"] = peakRecords,
    ["peakSpoolBytes"] = peakBytes,
    ["rssMiBStart"] = Math.Round(rssStart, 1),
    ["rssMiBPeak"] = Math.Round(peakRss, 1),
    ["rssMiBEnd"] = Math.Round(Rss(), 1),
    ["metrics"] = new JsonObject(final.Where(m => !m.Key.Contains("bucket", StringComparison.Ordinal)).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
    ["samples"] = new JsonArray(samples.ToArray<JsonNode?>()),
};
await File.WriteAllTextAsync(options.Output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
await File.WriteAllLinesAsync(options.Output + ".scored", scored);
await File.WriteAllLinesAsync(options.Output + ".feedback", acknowledged);
return 0;

static async Task RunAsync(string command)
{
    using var process = Process.Start(new ProcessStartInfo("/bin/bash", ["-c", command]))!;
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}.");
    }
}
