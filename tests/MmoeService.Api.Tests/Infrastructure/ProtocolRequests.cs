using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Net.Client;
using MmoeService.Serving.OpenInference.Grpc;
using Proto = MmoeService.Serving.Grpc;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>REST score bodies (examples.json's shape) translated to the binary protocols, for side-by-side tests.</summary>
public static class ProtocolRequests
{
    /// <summary>A gRPC channel over the in-memory test server (HTTP/2 semantics without a socket).</summary>
    public static GrpcChannel Channel(MmoeApiFactory factory) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });

    /// <summary>The score body as columns: one column per feature any candidate gives, missing as NaN or "".</summary>
    public static Proto.ScoreRequest ToGrpc(JsonObject body, string? model = null)
    {
        var request = new Proto.ScoreRequest
        {
            UserId = (string?)body["userId"] ?? string.Empty,
            RequestId = (string?)body["requestId"] ?? string.Empty,
            Model = model ?? string.Empty,
            IncludeGates = body["includeGates"] is JsonValue gates && (bool)gates,
            TopK = body["topK"] is JsonValue topK ? (int)topK : 0,
        };
        foreach (var (name, value) in body["context"]?.AsObject() ?? [])
        {
            request.Context[name] = value?.GetValueKind() switch
            {
                JsonValueKind.Number => new Proto.FeatureValue { Number = (double)value! },
                JsonValueKind.String => new Proto.FeatureValue { Text = (string)value! },
                _ => new Proto.FeatureValue(),
            };
        }

        var candidates = body["candidates"]!.AsArray().Select(c => c!.AsObject()).ToList();
        request.ItemIds.AddRange(candidates.Select(c => (string)c["itemId"]!));
        foreach (var (name, texts) in FeatureColumns(candidates))
        {
            var column = new Proto.FeatureColumn { Name = name };
            if (texts)
            {
                column.Texts.AddRange(candidates.Select(c => Feature(c, name) is { } v ? Text(v) : string.Empty));
            }
            else
            {
                column.Numbers.AddRange(candidates.Select(c => Feature(c, name) is { } v ? (double)v : double.NaN));
            }

            request.Columns.Add(column);
        }

        return request;
    }

    /// <summary>
    /// The score body as an Open Inference request: one tensor per feature (context features repeated for every
    /// candidate), FP64 for numbers and BYTES for texts, in candidate order.
    /// </summary>
    public static ModelInferRequest ToModelInfer(JsonObject body, string model)
    {
        var candidates = Broadcast(body);
        var request = new ModelInferRequest { ModelName = model, Id = "oip-1" };
        foreach (var (name, texts) in FeatureColumns(candidates))
        {
            var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = texts ? "BYTES" : "FP64", Contents = new InferTensorContents() };
            input.Shape.Add(candidates.Count);
            if (texts)
            {
                input.Contents.BytesContents.AddRange(candidates.Select(c => ByteString.CopyFromUtf8(Feature(c, name) is { } v ? Text(v) : string.Empty)));
            }
            else
            {
                input.Contents.Fp64Contents.AddRange(candidates.Select(c => Feature(c, name) is { } v ? (double)v : double.NaN));
            }

            request.Inputs.Add(input);
        }

        return request;
    }

    /// <summary>The same Open Inference request in the protocol's REST JSON.</summary>
    public static JsonObject ToInferJson(JsonObject body)
    {
        var candidates = Broadcast(body);
        var inputs = new JsonArray();
        foreach (var (name, texts) in FeatureColumns(candidates))
        {
            inputs.Add(new JsonObject
            {
                ["name"] = name,
                ["datatype"] = texts ? "BYTES" : "FP64",
                ["shape"] = new JsonArray(candidates.Count),
                ["data"] = new JsonArray([.. candidates.Select(c => Feature(c, name)?.DeepClone())]),
            });
        }

        return new JsonObject { ["id"] = "oip-rest-1", ["inputs"] = inputs };
    }

    /// <summary>Item ids in request order.</summary>
    public static IReadOnlyList<string> ItemIds(JsonObject body) => [.. body["candidates"]!.AsArray().Select(c => (string)c!["itemId"]!)];

    /// <summary>Each candidate's features with the context's merged in (the Open Inference Protocol has no context).</summary>
    private static List<JsonObject> Broadcast(JsonObject body)
    {
        var context = body["context"]?.AsObject() ?? [];
        return [.. body["candidates"]!.AsArray().Select(c =>
        {
            var features = c!["features"]?.DeepClone().AsObject() ?? [];
            foreach (var (name, value) in context)
            {
                features[name] = value?.DeepClone();
            }

            return new JsonObject { ["itemId"] = (string)c["itemId"]!, ["features"] = features };
        })];
    }

    private static JsonNode? Feature(JsonObject candidate, string name) => candidate["features"]?[name];

    private static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? (string)value! : ((double)value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Feature name to "is a text column", in first-seen order.</summary>
    private static List<(string Name, bool Texts)> FeatureColumns(IEnumerable<JsonObject> candidates)
    {
        var columns = new List<(string, bool)>();
        foreach (var candidate in candidates)
        {
            foreach (var (name, value) in candidate["features"]?.AsObject() ?? [])
            {
                if (value is not null && !columns.Any(c => c.Item1 == name))
                {
                    columns.Add((name, value.GetValueKind() == JsonValueKind.String));
                }
            }
        }

        return columns;
    }
}
