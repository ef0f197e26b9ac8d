using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Routing;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>
/// The pipeline apart from HTTP: each way through it ends in a <see cref="ScoreOutcome"/>, and routed requests leave
/// an exposure in the queue whatever their outcome.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ScoringPipelineTests
{
    [Fact]
    public async Task Pipeline_ValidRoutedRequest_IsScoredAndRecordsItsExposure()
    {
        await using var factory = new MmoeApiFactory(services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();

        using var request = Request();
        request.IncludeGates = false;

        var outcome = await ScoreAsync(factory, request, model: null);

        var response = Assert.IsType<ScoreOutcome.Scored>(outcome).Response;
        Assert.Equal(5, response.Items.Count);
        Assert.All(response.Items, item => Assert.Null(item.Gates));
        var exposure = SingleExposure(factory);
        Assert.Equal(response.RequestId, exposure.RequestId);
        Assert.Equal(200, exposure.StatusCode);
        Assert.Equal(response.Arm, exposure.Arm);
        Assert.Equal(["ctr", "satisfaction"], exposure.Tasks);
        Assert.Equal(response.Items.Select(i => i.ItemId), exposure.Items.Select(i => i.ItemId));
        Assert.Equal([1, 2, 3, 4, 5], exposure.Items.Select(i => i.Rank));
        Assert.DoesNotContain("u-pipeline", exposure.UnitHash, StringComparison.Ordinal);

        // Gates are recorded for the experiment's statistics even though the caller did not ask for them.
        var gates = Assert.IsType<float[][]>(exposure.MeanGates);
        Assert.All(gates, task => Assert.Equal(1f, task.Sum(), 3));
        Assert.Equal(request.Count, exposure.Candidates);
        Assert.Equal(gates.Length, exposure.ConcentratedShare!.Count);
        Assert.All(exposure.ConcentratedShare, share => Assert.InRange(share, 0f, 1f));
    }

    [Fact]
    public async Task Pipeline_UnknownFeature_IsRejectedAsValueNamingTheExpectedFeatures()
    {
        await using var factory = new MmoeApiFactory(services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();
        using var request = Request();
        request.Context!.TryAdd("weather", Contracts.FeatureValue.FromText("rain"));

        var outcome = await ScoreAsync(factory, request, model: null);

        var problem = Assert.IsType<ScoreOutcome.Rejected>(outcome).Problem;
        Assert.Equal(400, problem.Status);
        Assert.Contains("context.weather", problem.Errors!.Keys);
        Assert.NotNull(problem.Extensions!["expectedFeatures"]);
        Assert.Equal(400, SingleExposure(factory).StatusCode);
    }

    [Fact]
    public async Task Pipeline_NamedModel_BypassesRouterAndRecordsNoExposure()
    {
        await using var factory = new MmoeApiFactory(services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();

        using var request = Request();
        var outcome = await ScoreAsync(factory, request, model: "shared-bottom");

        var response = Assert.IsType<ScoreOutcome.Scored>(outcome).Response;
        Assert.Equal("shared-bottom", response.Model.Name);
        Assert.Equal(AssignmentReason.Default, response.AssignmentReason);
        Assert.False(factory.Services.GetRequiredService<ExposureQueue>().Reader.TryRead(out _));
    }

    [Fact]
    public async Task Pipeline_UnknownNamedModel_Is404()
    {
        await using var factory = new MmoeApiFactory(services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();

        using var request = Request();
        var outcome = await ScoreAsync(factory, request, model: "nope");

        Assert.Equal(404, Assert.IsType<ScoreOutcome.Rejected>(outcome).Problem.Status);
    }

    [Fact]
    public async Task Pipeline_NoVersionLoaded_Is503WithRetryAfterAndRecordsTheFailure()
    {
        using var repository = TempRepository.Empty();
        await using var factory = new MmoeApiFactory(repository.Root, services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();

        using var request = Request();
        var outcome = await ScoreAsync(factory, request, model: null);

        var problem = Assert.IsType<ScoreOutcome.Rejected>(outcome).Problem;
        Assert.Equal(503, problem.Status);
        Assert.Equal(5, problem.RetryAfterSeconds);
        var exposure = SingleExposure(factory);
        Assert.Equal(503, exposure.StatusCode);
        Assert.Null(exposure.ModelVersion);
        Assert.Empty(exposure.Items);
    }

    [Fact]
    public async Task Pipeline_ClientCancelled_EndsAs499()
    {
        await using var factory = new MmoeApiFactory(services: StoreDecoration.WithoutExposureWriter);
        using var client = await factory.StartAsync();

        using var request = Request();
        var outcome = await ScoreAsync(factory, request, model: null, new CancellationToken(canceled: true));

        Assert.Equal(ScoreProblem.ClientClosedRequest, Assert.IsType<ScoreOutcome.Rejected>(outcome).Problem.Status);
    }

    private static async Task<ScoreOutcome> ScoreAsync(MmoeApiFactory factory, ScoreInput request, string? model, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoringPipeline>().ScoreAsync(request, model, cancellationToken);
    }

    private static ExposureEvent SingleExposure(MmoeApiFactory factory)
    {
        var reader = factory.Services.GetRequiredService<ExposureQueue>().Reader;
        Assert.True(reader.TryRead(out var exposure));
        Assert.False(reader.TryRead(out _));
        return exposure;
    }

    private static ScoreInput Request()
    {
        var body = ApiClient.ExampleRequest().WithCandidates(5);
        body["userId"] = "u-pipeline";
        return ScoreRequestReader.Parse(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()))!;
    }
}
