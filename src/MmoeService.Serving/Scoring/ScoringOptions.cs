using System.ComponentModel.DataAnnotations;

namespace MmoeService.Serving.Scoring;

/// <summary>Limits and score combination of <c>POST /score</c> (section "Scoring").</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>Most candidates one request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxCandidates { get; set; } = 1000;

    /// <summary>Largest accepted request body in bytes; larger bodies get 413.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when no model version is loaded yet.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Longest a request may spend being scored, from validation to the ranked answer (a batcher's queue wait and
    /// the ONNX Runtime run included; reading the body is bounded by Kestrel's data-rate limits instead). Past it
    /// the run is terminated (<c>RunOptions.Terminate</c>) and the request answers 504.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Significant digits of every number in a scored item (task outputs, score, gate weights); 0 writes the
    /// shortest text that reads back as the same value. Six is finer than any probability a ranking needs and
    /// keeps a 1,000-candidate answer cheap to format and to send.
    /// </summary>
    [Range(0, 17)]
    public int SignificantDigits { get; set; } = 6;

    /// <summary>
    /// Model name to task name to exponent in <c>score = Π task^exponent</c> (YouTube-style weighted product);
    /// a task not listed gets exponent 1, and an exponent of 0 leaves the task out of the score.
    /// </summary>
    public Dictionary<string, Dictionary<string, double>> ScoreExponents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The exponent of <paramref name="task"/> for <paramref name="model"/>.</summary>
    public double Exponent(string model, string task) =>
        ScoreExponents.TryGetValue(model, out var tasks) && tasks.TryGetValue(task, out var exponent) ? exponent : 1.0;
}
