namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Relative comparison for reference values that span hundreds of orders of magnitude.</summary>
internal static class Close
{
    public static void Relative(double expected, double? actual, double tolerance)
    {
        Assert.NotNull(actual);
        var error = expected == 0 ? Math.Abs(actual.Value) : Math.Abs(actual.Value - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"expected {expected:R}, got {actual.Value:R} (relative error {error:E2} > {tolerance:E0})");
    }
}
