using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MmoeService.Client;
using MmoeService.Soak;

// Soak driver: calibrates saturation with a closed loop, then sends an open-loop mix at a fraction of it for the
// whole duration, reloads a model once a minute through the admin endpoint, and reports per minute: answers by
// status, p50/p99 of valid scores (from the scheduled start, so queueing counts) and the service's RSS.
var arguments = SoakArguments.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(30) };
using var adminHttp = new HttpClient(handler, disposeHandler: false) { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(30) };
adminHttp.DefaultRequestHeaders.Add("X-Api-Key", arguments.AdminKey);
var client = new MmoeServiceClient(http);
var admin = new MmoeServiceClient(adminHttp);
var bodies = new SoakBodies(arguments.Examples, arguments.Candidates, arguments.Seed);
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

long Rss() => arguments.Pid <= 0 ? 0 : File.ReadLines($"/proc/{arguments.Pid}/status")
    .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
    .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
    .FirstOrDefault();

// The status of one call through the generated client: its success code, or the code it refused with.
async Task<int> StatusAsync(Func<Task> call, int success)
{
    try
    {
        await call();
        return success;
    }
    catch (MmoeServiceException ex)
    {
        return ex.StatusCode;
    }
}

Task<int> ScoreAsync(ScoreRequest request) => StatusAsync(() => client.ScoreAsync(request), 200);

Task<int> FeedbackAsync(FeedbackRequest request) => StatusAsync(() => client.FeedbackAsync(request), 202);

// Invalid bodies are broken on purpose, so they go as raw bytes: no typed client can write them.
async Task<int> PostInvalidAsync(byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await http.PostAsync("/score", content);
    await response.Content.ReadAsByteArrayAsync();
    return (int)response.StatusCode;
}

// 1. Saturation: closed loop of valid scores.
var calibrationEnd = Stopwatch.GetTimestamp() + (long)(arguments.Calibration.TotalSeconds * Stopwatch.Frequency);
var calibrated = 0L;
var calibrationStart = Stopwatch.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, arguments.CalibrationConcurrency).Select(async worker =>
{
    while (Stopwatch.GetTimestamp() < calibrationEnd)
    {
        var n = Interlocked.Increment(ref calibrated);
        await ScoreAsync(bodies.Valid($"cal-{n % 1000}", $"cal-{n}"));
    }
}));
var saturation = calibrated / Stopwatch.GetElapsedTime(calibrationStart).TotalSeconds;
var rate = saturation * arguments.Load;
var rssStart = Rss();
Say($"# Soak {DateTimeOffset.UtcNow:u}");
Say("");
Say($"Saturation (closed loop, {arguments.CalibrationConcurrency} in flight, valid /score with {arguments.Candidates} candidates): {saturation:0} req/s; soak rate {arguments.Load:P0} of it = {rate:0} req/s for {arguments.Duration.TotalMinutes:0} min.");
Say("Mix: 75% valid /score, 10% invalid /score (unknown feature, 1e308, text for a number, cut JSON), 15% /feedback on scored ids; one admin reload per minute.");
Say($"RSS at start (after calibration): {rssStart / 1024.0:0.0} MiB");
Say("");

// 2. Open loop at the target rate.
var minutes = (int)Math.Ceiling(arguments.Duration.TotalMinutes);
var stats = Enumerable.Range(1, minutes).Select(m => new MinuteStats(m)).ToArray();
var scored = new ConcurrentQueue<string>();
var inFlight = new ConcurrentDictionary<long, Task>();
var start = Stopwatch.GetTimestamp();
var interval = 1.0 / rate;
var reloads = Task.Run(async () =>
{
    for (var m = 0; m < minutes; m++)
    {
        var at = start + (long)((m * 60 + 30) * (double)Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var begin = Stopwatch.GetTimestamp();
        try
        {
            var status = await StatusAsync(() => admin.ReloadModelAsync(arguments.ReloadModel), 200);
            stats[m].Reload = $"{status} in {Stopwatch.GetElapsedTime(begin).TotalMilliseconds:0} ms";
        }
        catch (HttpRequestException ex)
        {
            stats[m].Reload = ex.GetType().Name;
        }
    }
});

var random = new Random(arguments.Seed);
for (long n = 0; ; n++)
{
    var due = start + (long)(n * interval * Stopwatch.Frequency);
    var elapsed = Stopwatch.GetElapsedTime(start);
    if (elapsed >= arguments.Duration)
    {
        break;
    }

    var ahead = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
    if (ahead > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(ahead);
    }

    var minute = stats[Math.Min(minutes - 1, (int)(Stopwatch.GetElapsedTime(start).TotalMinutes))];
    if (inFlight.Count >= 4096)
    {
        // The service fell this far behind: the driver stops adding to the pile and counts what it did not send.
        minute.Skip();
        continue;
    }

    var dice = random.NextDouble();
    string kind;
    string? id = null;
    Func<Task<int>> send;
    if (dice >= 0.75 && dice < 0.85)
    {
        var invalid = bodies.Invalid(n);
        (kind, send) = ("invalid", () => PostInvalidAsync(invalid));
    }
    else if (dice >= 0.85 && scored.TryDequeue(out var target))
    {
        var feedback = SoakBodies.Feedback(target, n % 3 == 0);
        (kind, send) = ("feedback", () => FeedbackAsync(feedback));
    }
    else
    {
        var score = bodies.Valid($"user-{n % 5000}", $"soak-{n}");
        (kind, id, send) = ("score", score.RequestId, () => ScoreAsync(score));
    }

    var key = n;
    var scheduled = due;
    inFlight[key] = Task.Run(async () =>
    {
        string status;
        try
        {
            status = (await send()).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = ex.GetType().Name;
        }

        // Latency from the scheduled start: a request that waited to be sent because the service was slow counts that wait.
        minute.Record(kind, status, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
        if (kind == "score" && status == "200" && id is not null && scored.Count < 10_000)
        {
            scored.Enqueue(id);
        }

        inFlight.TryRemove(key, out _);
    });

    if (n % 1000 == 0)
    {
        minute.RssKb = Math.Max(minute.RssKb, Rss());
        minute.LoadAverage = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
}

await Task.WhenAll(inFlight.Values);
await reloads;
var rssEnd = Rss();

// 3. Report.
string[] expected = ["score 200", "invalid 400", "feedback 202"];
Say("| minute | requests | valid 200 | invalid 400 | feedback 202 | other (kind status: n) | skipped | p50 ms | p99 ms | max ms | reload | RSS MiB | load avg |");
Say("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|");
var totals = new Dictionary<string, int>(StringComparer.Ordinal);
foreach (var minute in stats)
{
    var answers = minute.Answers.ToDictionary(a => $"{a.Key.Kind} {a.Key.Status}", a => a.Value, StringComparer.Ordinal);
    foreach (var (k, v) in answers)
    {
        totals[k] = totals.GetValueOrDefault(k) + v;
    }

    var other = string.Join(", ", answers.Where(a => !expected.Contains(a.Key)).Select(a => $"{a.Key}: {a.Value}"));
    var (p50, p99, max, _) = minute.Latency();
    Say($"| {minute.Minute} | {answers.Values.Sum()} | {answers.GetValueOrDefault("score 200")} | {answers.GetValueOrDefault("invalid 400")} | {answers.GetValueOrDefault("feedback 202")} | {(other.Length == 0 ? "none" : other)} | {minute.Skipped} | {p50:0.0} | {p99:0.0} | {max:0.0} | {minute.Reload ?? "-"} | {minute.RssKb / 1024.0:0.0} | {minute.LoadAverage} |");
}

Say("");
Say($"Totals: {totals.Values.Sum()} requests; " + string.Join(", ", totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {t.Value}")) + ".");
var unexpected = totals.Where(t => !expected.Contains(t.Key)).Sum(t => t.Value);
Say($"Unexpected answers (anything but valid 200, invalid 400, feedback 202): {unexpected}; skipped sends: {stats.Sum(s => s.Skipped)}.");
Say($"RSS: start {rssStart / 1024.0:0.0} MiB, end {rssEnd / 1024.0:0.0} MiB.");
await File.WriteAllTextAsync(arguments.Output, report.ToString());
return unexpected == 0 ? 0 : 1;
