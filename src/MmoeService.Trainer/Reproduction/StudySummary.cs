using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The machine-readable <c>summary.json</c> beside a study's results.md: per (model, p or group) the mean,
/// std and 95% interval of one metric, and the intervals of model differences a - b. Lower is better for
/// loss metrics (<c>test_loss</c>, <c>train_loss</c>), higher for <c>main_auc</c>.
/// </summary>
public sealed record StudySummary(string Study, string Preset, int Steps, int Runs, IReadOnlyList<SummaryRow> Rows, IReadOnlyList<SummaryDifference> Differences)
{
    public const string FileName = "summary.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StudySummary FromJson(string json) =>
        JsonSerializer.Deserialize<StudySummary>(json, Json) ?? throw new JsonException("summary.json is empty.");
}

/// <summary>One model at one p (synthetic) or group (census).</summary>
public sealed record SummaryRow(string Model, double? P, int? Group, string Metric, double Mean, double Std, double Lower, double Upper, long Params);

/// <summary>The difference of means a - b with its 95% interval.</summary>
public sealed record SummaryDifference(string A, string B, double? P, int? Group, string Metric, double Mean, double Lower, double Upper);
