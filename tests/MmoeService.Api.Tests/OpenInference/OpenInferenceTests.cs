using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using MmoeService.Contracts;
using MmoeService.Serving.OpenInference.Grpc;

namespace MmoeService.Api.Tests.OpenInference;

/// <summary>The Open Inference Protocol (KServe v2) over gRPC and REST against the trainer's examples and REST /score.</summary>
[Trait("Kind", "Integration")]
public sealed class OpenInferenceTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _grpc = new(ProtocolRequests.Channel(fixture.Factory));

    public static TheoryData<string, int> CommittedVersions() => Scoring.ScoringTests.CommittedVersions();

    [Theory]
    [MemberData(nameof(CommittedVersions))]
    public async Task ModelInfer_Grpc_Examples_MatchTheTrainerWithin1e5(string model, int version)
    {
        foreach (var example in Examples(model, version))
        {
            var reply = await _grpc.ModelInferAsync(ProtocolRequests.ToModelInfer(example.Request, model));

            Assert.Equal((model, version.ToString(CultureInfo.InvariantCulture), "oip-1"), (reply.ModelName, reply.ModelVersion, reply.Id));
            var outputs = reply.Outputs.ToDictionary(o => o.Name, o => (Shape: o.Shape.ToArray(), Data: o.Contents.Fp32Contents.ToArray()));
            AssertMatchesExpected(example, outputs);
        }
    }

    [Theory]
    [MemberData(nameof(CommittedVersions))]
    public async Task ModelInfer_Rest_Examples_MatchTheTrainerWithin1e5(string model, int version)
    {
        foreach (var example in Examples(model, version))
        {
            using var response = await fixture.Client.PostScoreAsync(ProtocolRequests.ToInferJson(example.Request), $"/v2/models/{model}/infer");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.ReadObjectAsync();

            Assert.Equal((model, "oip-rest-1"), ((string?)answer["model_name"], (string?)answer["id"]));
            var outputs = answer["outputs"]!.AsArray().ToDictionary(
                o => (string)o!["name"]!,
                o => (Shape: o!["shape"]!.AsArray().Select(d => (long)d!).ToArray(), Data: o["data"]!.AsArray().Select(v => (float)v!).ToArray()));
            AssertMatchesExpected(example, outputs);
        }
    }

    [Fact]
    public async Task ModelMetadata_Mmoe_InputsAreTheManifestFeaturesAndOutputsTheGraphOutputs()
    {
        var manifest = fixture.Factory.Registry.Acquire("mmoe")!;
        using (manifest)
        {
            var metadata = await _grpc.ModelMetadataAsync(new ModelMetadataRequest { Name = "mmoe" });

            Assert.Equal(manifest.Snapshot.Manifest.Features.Names.Order(), metadata.Inputs.Select(i => i.Name).Order());
            Assert.Equal(manifest.Snapshot.Manifest.Outputs.Select(o => o.Name).Order(), metadata.Outputs.Select(o => o.Name).Order());
            Assert.Equal(["1"], metadata.Versions);
        }
    }

    [Fact]
    public async Task Health_Grpc_ServerLiveAndReadyAndModelReady()
    {
        Assert.True((await _grpc.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await _grpc.ServerReadyAsync(new ServerReadyRequest())).Ready);
        Assert.True((await _grpc.ModelReadyAsync(new ModelReadyRequest { Name = "mmoe", Version = "1" })).Ready);
        Assert.False((await _grpc.ModelReadyAsync(new ModelReadyRequest { Name = "mmoe", Version = "99" })).Ready);
        Assert.False((await _grpc.ModelReadyAsync(new ModelReadyRequest { Name = "no-such-model" })).Ready);
    }

    [Fact]
    public async Task Health_Rest_ServerAndModelEndpointsAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/v2/models/mmoe/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/v2/models/no-such-model/ready")).StatusCode);
        var server = await fixture.Client.GetFromJsonNodeAsync("/v2");
        Assert.Equal("mmoe-service", (string?)server["name"]);
        var model = await fixture.Client.GetFromJsonNodeAsync("/v2/models/mmoe/versions/1");
        Assert.Contains("gates_ctr", model["outputs"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [Fact]
    public async Task ModelInfer_Grpc_UnknownModel_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ModelInferAsync(ProtocolRequests.ToModelInfer(ApiClient.ExampleRequest(), "no-such-model")).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ModelInfer_Grpc_UnknownFeature_IsInvalidArgument()
    {
        var request = ProtocolRequests.ToModelInfer(ApiClient.ExampleRequest(), "mmoe");
        request.Inputs[0].Name = "no_such_feature";

        var error = await Assert.ThrowsAsync<RpcException>(() => _grpc.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.Trailers, t => t.Key == "field-error" && t.Value.Contains("no_such_feature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelInfer_Rest_ShapeDisagreesWithData_Is400WithTheProtocolsErrorMember()
    {
        var body = ProtocolRequests.ToInferJson(ApiClient.ExampleRequest());
        body["inputs"]![0]!["shape"] = new JsonArray(99);

        using var response = await fixture.Client.PostScoreAsync(body, "/v2/models/mmoe/infer");
        var problem = await response.ReadObjectAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Invalid inference request", (string?)problem["error"], StringComparison.Ordinal);
        Assert.Equal(400, (int)problem["status"]!);
    }

    private static IReadOnlyList<ScoringExample> Examples(string model, int version) =>
        ModelFiles.ReadExamples(Path.Combine(RepositoryPaths.CommittedModels, model, version.ToString(CultureInfo.InvariantCulture), ModelFiles.Examples));

    /// <summary>Outputs are in request order: row r is the r-th candidate of the example.</summary>
    private static void AssertMatchesExpected(ScoringExample example, Dictionary<string, (long[] Shape, float[] Data)> outputs)
    {
        var itemIds = ProtocolRequests.ItemIds(example.Request);
        for (var row = 0; row < itemIds.Count; row++)
        {
            foreach (var (name, expected) in example.Expected[itemIds[row]])
            {
                var (shape, data) = outputs[name];
                Assert.Equal(itemIds.Count, shape[0]);
                if (expected is JsonArray weights)
                {
                    var experts = (int)shape[1];
                    Assert.Equal(weights.Count, experts);
                    for (var e = 0; e < experts; e++)
                    {
                        Assert.Equal((double)weights[e]!, data[(row * experts) + e], 1e-5);
                    }
                }
                else
                {
                    Assert.Equal((double)expected, data[row], 1e-5);
                }
            }
        }
    }
}
