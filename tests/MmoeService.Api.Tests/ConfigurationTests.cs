namespace MmoeService.Api.Tests;

/// <summary>Bad configuration stops the host at start with a message naming the key, instead of failing requests later.</summary>
[Trait("Kind", "Integration")]
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Scoring:MaxCandidates", "0", "MaxCandidates")]
    [InlineData("Models:Served:mmoe:Version", "newest", "Models:Served:mmoe:Version")]
    [InlineData("Experiments:DefaultModel", "wide-and-deep", "Experiments:DefaultModel")]
    [InlineData("Scoring:ScoreExponents:mmoe:ctr", "-2", "Scoring:ScoreExponents:mmoe:ctr")]
    public async Task Start_InvalidSetting_FailsNamingTheKey(string key, string value, string named)
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { [key] = value });

        Assert.NotNull(await Record.ExceptionAsync(factory.StartAsync));

        Assert.Contains(factory.Logs.GetSnapshot(), e => e.Exception?.ToString().Contains(named, StringComparison.Ordinal) == true);
    }
}
