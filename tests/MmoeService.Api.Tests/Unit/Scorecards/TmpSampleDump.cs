#pragma warning disable CA1869, CA1305
using System.Text.Json;
using MmoeService.Api.Experiments.Scorecards;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Unit.Scorecards;

public sealed class TmpSampleDump
{
    [Fact]
    public void Dump()
    {
        var rng = new Random(7);
        ArmObservations Make(string arm, string model, double p, bool gated, long units)
        {
            double sy = 0, sn = 0, syy = 0, snn = 0, syn = 0; long pos = 0, lab = 0;
            var sample = new List<LabeledPrediction>();
            for (var u = 0; u < units; u++)
            {
                var n = rng.Next(1, 20); var y = 0;
                for (var i = 0; i < n; i++) { var pred = (float)Math.Clamp(p + (rng.NextDouble() - 0.5) * 0.2, 0, 1); var c = rng.NextDouble() < pred; y += c ? 1 : 0; if (sample.Count < 2000) sample.Add(new(pred, c)); }
                sy += y; sn += n; syy += y * y; snn += n * n; syn += y * n; pos += y; lab += n;
            }
            var t0 = DateTimeOffset.Parse("2026-01-01T10:00:00Z");
            var traffic = Enumerable.Range(0, 30).Select(i => new TrafficBucket(t0.AddMinutes(i), 100 + rng.Next(50))).ToArray();
            var lat = Enumerable.Range(0, 500).Select(_ => 2 + rng.NextDouble() * 10 + (rng.NextDouble() < 0.05 ? 30 : 0)).ToArray();
            var um = new UnitMoments(units, sy, sn, syy, snn, syn);
            var sat = new UnitMoments(units, sy * 0.4, sn, syy * 0.3, snn, syn * 0.4);
            return new ArmObservations(arm, model, [1], units, traffic.Sum(t => t.Requests), 12, (long)sn,
                new TaskOutcomes(pos, lab, lab * p * 1.05, lab), new TaskOutcomes((long)(pos * 0.4), lab, lab * p * 0.4, lab), um, sat,
                sample, sample.Select(s => s with { Label = s.Label && rng.NextDouble() < 0.4 }).ToArray(), lat, traffic,
                gated ? [[0.23f, 0.41f, 0.19f, 0.17f], [0.005f, 0.92f, 0.05f, 0.025f]] : null);
        }
        var design = new ExperimentDesign("mmoe-vs-shared-bottom", "running", 100, "shared-bottom", [new("shared-bottom", "shared-bottom", 50), new("mmoe", "mmoe", 50)]);
        var baseline = new GateBaseline(1, ["ctr", "satisfaction"], new Dictionary<string, GateStatistics> { ["ctr"] = new([0.232, 0.399, 0.191, 0.177], 1.01), ["satisfaction"] = new([0.174, 0.426, 0.217, 0.184], 1.04) });
        var card = ScorecardCalculator.Compute(design, [Make("shared-bottom", "shared-bottom", 0.10, false, 2000), Make("mmoe", "mmoe", 0.11, true, 2050)], new Dictionary<string, GateBaseline> { ["mmoe"] = baseline }, DateTimeOffset.Parse("2026-01-01T10:30:00Z"));
        File.WriteAllText("/tmp/scorecard.json", JsonSerializer.Serialize(card, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }
}
