using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using MmoeService.Contracts;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;
using MmoeService.Serving.Grpc;

namespace MmoeService.Api.Tests.Grpc;

/// <summary>The gRPC scoring service against REST on the same host: same scores, same refusals, same routing.</summary>
[Trait("Kind", "Integration")]
public sealed class GrpcScoringTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly MmoeService.Serving.Grpc.Scoring.ScoringClient _grpc = new(ProtocolRequests.Channel(fixture.Factory));

    public static TheoryData<string, int> CommittedVersions() => Scoring.ScoringTests.CommittedVersions();

    [Theory]
    [MemberData(nameof(CommittedVersions))]
    public async Task Score_Examples_EqualRestWithin1e5(string model, int version)
    {
        var examples = ModelFiles.ReadExamples(Path.Combine(RepositoryPaths.CommittedModels, model, version.ToString(CultureInfo.InvariantCulture), ModelFiles.Examples));
        foreach (var example in examples)
        {
            using var response = await fixture.Client.PostScoreAsync(example.Request, $"/models/{model}/score");
            var rest = (await response.ReadObjectAsync())["items"]!.AsArray();

            var reply = await _grpc.ScoreAsync(ProtocolRequests.ToGrpc(example.Request, model));

            Assert.Equal(version, reply.Model.Version);
            Assert.Equal(rest.Select(i => (string)i!["itemId"]!), reply.ItemIds);
            for (var i = 0; i < rest.Count; i++)
            {
                Assert.Equal(ProtocolRequests.ItemIds(example.Request)[(int)reply.Order[i]], reply.ItemIds[i]);
                Assert.Equal((double)rest[i]!["score"]!, reply.Scores[i], 1e-5);
                foreach (var task in reply.Tasks)
                {
                    Assert.Equal((double)rest[i]![task.Name]!, task.Values[i], 1e-5);
                    if (task.Experts > 0)
                    {
                        var gates = rest[i]!["gates"]![task.Name]!.AsArray().Select(g => (double)g!).ToArray();
                        Assert.Equal(gates.Length, task.Experts);
                        for (var e = 0; e < gates.Length; e++)
                        {
                            Assert.Equal(gates[e], task.Gates[(i * task.Experts) + e], 1e-5);
                        }
                    }
                    else
                    {
                        Assert.Null(rest[i]!["gates"]);
                        Assert.Empty(task.Gates);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Score_UnknownModel_IsNotFound()
    {
        var request = ProtocolRequests.ToGrpc(ApiClient.ExampleRequest(), model: "no-such-model");

        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-model", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ColumnShorterThanItemIds_IsInvalidArgumentNamingTheColumn()
    {
        var request = ProtocolRequests.ToGrpc(ApiClient.ExampleRequest());
        request.Columns[0].Numbers.Clear();
        request.Columns[0].Texts.Clear();
        request.Columns[0].Numbers.Add(1.0);

        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.Trailers, t => t.Key == "field-error" && t.Value.StartsWith("columns[0]:", StringComparison.Ordinal));
        Assert.Equal("400", error.Trailers.GetValue("problem-status"));
    }

    [Fact]
    public async Task Score_UnknownFeature_IsInvalidArgumentWithRestsFieldPath()
    {
        var request = ProtocolRequests.ToGrpc(ApiClient.ExampleRequest());
        var column = new FeatureColumn { Name = "no_such_feature" };
        column.Numbers.AddRange(request.ItemIds.Select(_ => 1.0));
        request.Columns.Add(column);

        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.Trailers, t => t.Key == "field-error" && t.Value.StartsWith("candidates[0].features.no_such_feature:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_WithoutUserId_IsInvalidArgument()
    {
        var request = ProtocolRequests.ToGrpc(ApiClient.ExampleRequest());
        request.UserId = string.Empty;

        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ScoreAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.Trailers, t => t.Key == "field-error" && t.Value.StartsWith("userId:", StringComparison.Ordinal));
    }

    [Fact]
    public void GrpcProblems_StatusMapping_FollowsRestStatuses()
    {
        Assert.Equal(
            [StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.ResourceExhausted, StatusCode.ResourceExhausted, StatusCode.FailedPrecondition, StatusCode.Unavailable, StatusCode.DeadlineExceeded],
            new[] { 400, 404, 413, 429, 422, 503, 504 }.Select(GrpcProblems.Code));
    }
}

/// <summary>Routing over gRPC is REST's: the active experiment's hash picks the arm, the answer says so, and the exposure is recorded.</summary>
public sealed class GrpcRoutingTests
{
    [Theory]
    [InlineData("u-1842", "mmoe")]
    [InlineData("u-2", "shared-bottom")]
    public async Task Score_ActiveExperiment_RoutesLikeRest(string userId, string arm)
    {
        var written = new ExposureSignal();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = "mmoe-vs-shared-bottom" },
            services: services => services.DecorateStore(written.Wrap));
        using var client = await factory.StartAsync();
        var body = ApiClient.ExampleRequest();
        body["userId"] = userId;
        using var response = await client.PostScoreAsync(body);
        var rest = await response.ReadObjectAsync();
        var grpc = new MmoeService.Serving.Grpc.Scoring.ScoringClient(ProtocolRequests.Channel(factory));

        var request = ProtocolRequests.ToGrpc(body);
        request.RequestId = "grpc-" + userId;

        var reply = await grpc.ScoreAsync(request);
        var exposure = await written.WaitForAsync(request.RequestId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ((string?)rest["experiment"], (string?)rest["arm"], (bool)rest["enrolled"]!, (string?)rest["assignmentReason"], (string?)rest["model"]!["name"]),
            (reply.Experiment, reply.Arm, reply.Enrolled, reply.AssignmentReason, reply.Model.Name));
        Assert.Equal(arm, reply.Arm);
        Assert.Equal("Hash", reply.AssignmentReason);
        Assert.Equal((arm, reply.ItemIds.Count), (exposure.Arm, exposure.Items.Count));
    }
}

/// <summary>The data plane's admission limits cover gRPC too, and answer with gRPC statuses.</summary>
public sealed class GrpcLimitsTests
{
    [Fact]
    public async Task Score_ClientOverItsRate_IsResourceExhaustedWithRetryAfter()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?>
        {
            ["Limits:ClientRateLimit:Enabled"] = "true",
            ["Limits:ClientRateLimit:PartitionBy"] = "Header",
            ["Limits:ClientRateLimit:Header"] = "X-Client-Id",
            ["Limits:ClientRateLimit:Burst"] = "1",
            ["Limits:ClientRateLimit:PermitsPerPeriod"] = "1",
            ["Limits:ClientRateLimit:Period"] = "01:00:00",
        });
        using var client = await factory.StartAsync();
        var grpc = new MmoeService.Serving.Grpc.Scoring.ScoringClient(ProtocolRequests.Channel(factory));
        var request = ProtocolRequests.ToGrpc(ApiClient.ExampleRequest());
        var shopA = new Metadata { { "X-Client-Id", "shop-a" } };

        await grpc.ScoreAsync(request, shopA);
        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.ScoreAsync(request, shopA).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(int.Parse(error.Trailers.GetValue("retry-after")!, CultureInfo.InvariantCulture) >= 1);
        await grpc.ScoreAsync(request, new Metadata { { "X-Client-Id", "shop-b" } });
    }
}
