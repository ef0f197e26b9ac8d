using MmoeService.Calibration;

namespace MmoeService.Api.Tests.Calibration;

[Trait("Kind", "Unit")]
public sealed class HttpLooksTests
{
    [Fact]
    public void Summarise_ThreeRuns_CountsPeekingHorizonAndAlwaysValidRejectionsPerMetric()
    {
        // Run 0 crosses p < 0.05 at an interim look only; run 1 at the horizon, always-valid too; run 2 never.
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                Line(0, 0, 100, 0.01, 0.30), Line(0, 1, 200, 0.40, 0.90),
                Line(1, 0, 100, 0.50, 0.90), Line(1, 1, 200, 0.001, 0.02),
                Line(2, 0, 100, 0.50, 0.90), Line(2, 1, 200, 0.60, 0.95),
                """{"run":0,"look":1,"users":200,"method":"interleaving","task":"ctr","pValue":0.0001,"alwaysValidPValue":0.0001}""",
            ]);

            var rows = HttpLooks.Summarise(path).ToDictionary(r => r.Method);

            Assert.Equal((2, 3, 2), (rows["fixed-horizon-peeking"].Rejections, rows["fixed-horizon-peeking"].Repeats, rows["fixed-horizon-peeking"].Looks));
            Assert.Equal(1, rows["fixed-horizon"].Rejections);
            Assert.Equal(1, rows["always-valid"].Rejections);
            Assert.Equal(200, rows["fixed-horizon"].UsersPerExperiment);
            Assert.True(rows["always-valid"].Lower < 1.0 / 3 && 1.0 / 3 < rows["always-valid"].Upper);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Line(int run, int look, int users, double p, double alwaysValid) =>
        FormattableString.Invariant($$"""{"run":{{run}},"look":{{look}},"users":{{users}},"method":"ab","task":"ctr","pValue":{{p}},"alwaysValidPValue":{{alwaysValid}}}""");
}
