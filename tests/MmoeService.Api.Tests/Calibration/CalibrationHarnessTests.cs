using System.Text.Json;
using MmoeService.Calibration;

namespace MmoeService.Api.Tests.Calibration;

/// <summary>A smoke run of the calibration harness with small R: the full run (R ≥ 200) is a command.</summary>
[Trait("Kind", "Unit")]
public sealed class CalibrationHarnessTests
{
    private static readonly CalibrationOptions Small = new()
    {
        AaRepeats = 20,
        KnownEffectRepeats = 20,
        PowerRepeats = 20,
        UsersPerExperiment = 2_000,
        LookEvery = 250,
        FirstPowerUsers = 500,
        MaxPowerUsers = 2_000,
        Parallelism = 1,
    };

    [Fact]
    public void Run_SmallRepeats_ProducesARowPerDesignMethodAndMetric()
    {
        var report = CalibrationHarness.Run(Small);

        // 2 designs × 5 methods × 2 metrics.
        Assert.Equal(20, report.Result.Rows.Count);
        Assert.All(report.Result.Rows, r => Assert.InRange(r.Rate, r.Lower, r.Upper));
        Assert.All(report.Result.Rows.Where(r => r.Design == "known-effect" && r.Method != "interleaving" && r.Method != "fixed-horizon-peeking"), r => Assert.NotNull(r.Coverage));
        Assert.Equal(["fixed-horizon", "cuped", "interleaving"], report.Result.Sensitivity.Select(s => s.Method));
    }

    [Fact]
    public void Run_SmallAa_AlwaysValidFalsePositiveRateStaysLow()
    {
        // The true rate is at most 5%; 6 or more of 20 would have probability below 0.3% at 5%.
        var report = CalibrationHarness.Run(Small);
        Assert.All(
            report.Result.Rows.Where(r => r.Design == "aa" && r.Method == "always-valid"),
            r => Assert.True(r.Rate <= 0.25, $"{r.Metric}: always-valid A/A rate {r.Rate}"));
    }

    [Fact]
    public void Write_SmallRun_JsonHasTheDocumentedShape()
    {
        var folder = Directory.CreateTempSubdirectory("calibration-").FullName;
        try
        {
            ReportWriter.Write(CalibrationHarness.Run(Small with { AaRepeats = 5, KnownEffectRepeats = 5, PowerRepeats = 5 }), folder, TimeSpan.FromSeconds(1), "test", "test");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "calibration.json")));
            Assert.Equal(["rows", "sensitivity"], json.RootElement.EnumerateObject().Select(p => p.Name));
            var aaRow = json.RootElement.GetProperty("rows")[0];
            Assert.Equal(
                ["design", "method", "metric", "repeats", "usersPerExperiment", "looks", "rejections", "rate", "lower", "upper"],
                aaRow.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["method", "usersFor80Power"], json.RootElement.GetProperty("sensitivity")[0].EnumerateObject().Select(p => p.Name));
            Assert.True(File.Exists(Path.Combine(folder, "calibration.md")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
