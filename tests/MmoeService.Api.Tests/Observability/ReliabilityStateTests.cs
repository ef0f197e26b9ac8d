using Microsoft.Extensions.Time.Testing;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using MmoeService.Serving.Scoring;
using MmoeService.Api.Shutdown;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Observability;

/// <summary>Validators of the reliability settings and the small state holders readiness reads.</summary>
[Trait("Kind", "Unit")]
public sealed class ReliabilityStateTests
{
    [Fact]
    public void ModelRepositoryOptions_AdminEnabledWithoutKey_NamesTheKey()
    {
        var options = new ModelRepositoryOptions { AdminEnabled = true, Served = { ["mmoe"] = new ServedModelOptions() } };

        var result = new ModelRepositoryOptionsValidator().Validate(null, options);

        Assert.Contains("Models:AdminApiKey must be set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "0123456789abcdef0", true)]
    [InlineData(null, null, false)]
    [InlineData(false, "0123456789abcdef0", false)]
    [InlineData(true, "0123456789abcdef0", true)]
    public void ModelRepositoryOptions_AdminActive_FollowsTheSwitchAndTheKey(bool? enabled, string? key, bool active) =>
        Assert.Equal(active, new ModelRepositoryOptions { AdminEnabled = enabled, AdminApiKey = key }.AdminActive);

    [Fact]
    public void ShutdownOptions_UnreadyDelayNotShorterThanDrainTimeout_NamesBothKeys()
    {
        var result = new ShutdownOptionsValidator().Validate(null, new ShutdownOptions { DrainTimeout = TimeSpan.FromSeconds(5), UnreadyDelay = TimeSpan.FromSeconds(5) });

        Assert.Contains("Shutdown:UnreadyDelay", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Shutdown:DrainTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:00")]
    public void ScoringOptions_RequestTimeoutOutOfRange_NamesTheKey(string timeout)
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { RequestTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Scoring:RequestTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreAvailability_FailuresThenASuccess_KeepsTheFirstFailureTimeThenClears()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var availability = new StoreAvailability(new DegradedMetrics(Metrics.NewCustomRegistry()), time);
        var since = time.GetUtcNow();

        availability.Failed(new StoreUnavailableException("down", new TimeoutException()));
        time.Advance(TimeSpan.FromMinutes(1));
        availability.Failed(new StoreUnavailableException("down"));

        Assert.Equal(new StoreAvailability.Outage(since, nameof(TimeoutException), 2), availability.Current);
        availability.Succeeded();
        Assert.Null(availability.Current);
    }

    [Fact]
    public void DrainState_BeginTwice_StartsOnceAndKeepsTheFirstTime()
    {
        var time = new FakeTimeProvider();
        var drain = new DrainState(new DegradedMetrics(Metrics.NewCustomRegistry()), time);
        var since = time.GetUtcNow();

        Assert.Null(drain.Since);
        Assert.True(drain.Begin());
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(drain.Begin());
        Assert.Equal(since, drain.Since);
    }
}
