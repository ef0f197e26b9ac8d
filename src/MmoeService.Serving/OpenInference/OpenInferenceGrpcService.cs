using System.Buffers.Binary;
using System.Text;
using global::Grpc.Core;
using Google.Protobuf;
using MmoeService.Serving.Grpc;
using MmoeService.Serving.OpenInference.Grpc;

namespace MmoeService.Serving.OpenInference;

/// <summary>
/// <c>inference.GRPCInferenceService</c>, the Open Inference Protocol over gRPC, so Triton and KServe clients
/// (tritonclient, perf_analyzer) call the served models unchanged. Tensors arrive either in typed contents or
/// in <c>raw_input_contents</c> (little-endian, BYTES as 4-byte length-prefixed strings), the way tritonclient
/// sends them; outputs go back as FP32 contents.
/// </summary>
public sealed class OpenInferenceGrpcService(OpenInferenceModels models) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = models.ServerReady });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerMetadataResponse { Name = OpenInferenceModels.ServerName, Version = OpenInferenceModels.ServerVersion });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new ModelReadyResponse { Ready = models.IsReady(request.Name, request.Version) });
    }

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = models.Metadata(request.Name, request.Version, out var problem) ?? throw GrpcProblems.ToException(problem!);
        var response = new ModelMetadataResponse { Name = metadata.Name, Platform = metadata.Platform };
        response.Versions.AddRange(metadata.Versions);
        response.Inputs.AddRange(metadata.Inputs.Select(Tensor));
        response.Outputs.AddRange(metadata.Outputs.Select(Tensor));
        return Task.FromResult(response);
    }

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var inputs = new List<InferInput>(request.Inputs.Count);
        var raw = request.RawInputContents.Count > 0;
        if (raw && request.RawInputContents.Count != request.Inputs.Count)
        {
            throw Invalid($"raw_input_contents has {request.RawInputContents.Count} entries for {request.Inputs.Count} inputs.");
        }

        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            inputs.Add(raw ? FromRaw(input, request.RawInputContents[i]) : FromContents(input));
        }

        var userId = request.Parameters.TryGetValue("user_id", out var user) ? user.StringParam : null;
        var requested = request.Outputs.Select(o => o.Name).ToList();
        var (answer, problem) = await models.InferAsync(request.ModelName, request.ModelVersion, request.Id, userId, inputs, requested, context.CancellationToken);
        if (answer is null)
        {
            throw GrpcProblems.ToException(problem!);
        }

        var response = new ModelInferResponse { ModelName = answer.ModelName, ModelVersion = answer.ModelVersion, Id = answer.Id ?? string.Empty };
        foreach (var output in answer.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = "FP32", Contents = new InferTensorContents() };
            tensor.Shape.AddRange(output.Shape);
            tensor.Contents.Fp32Contents.AddRange(output.Data);
            response.Outputs.Add(tensor);
        }

        return response;
    }

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(TensorMetadata tensor)
    {
        var metadata = new ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.Datatype };
        metadata.Shape.AddRange(tensor.Shape);
        return metadata;
    }

    private static InferInput FromContents(ModelInferRequest.Types.InferInputTensor input)
    {
        var contents = input.Contents ?? new InferTensorContents();
        double[]? numbers = input.Datatype switch
        {
            "FP64" => [.. contents.Fp64Contents],
            "FP32" => [.. contents.Fp32Contents.Select(v => (double)v)],
            "INT64" => [.. contents.Int64Contents.Select(v => (double)v)],
            "INT32" or "INT16" or "INT8" => [.. contents.IntContents.Select(v => (double)v)],
            "BYTES" => null,
            _ => throw Invalid($"Input '{input.Name}': datatype '{input.Datatype}' is not supported; use FP64, FP32, INT64, INT32 or BYTES."),
        };
        string[]? texts = numbers is null ? [.. contents.BytesContents.Select(b => b.ToStringUtf8())] : null;
        return new InferInput(input.Name, input.Datatype, [.. input.Shape], numbers, texts);
    }

    private static InferInput FromRaw(ModelInferRequest.Types.InferInputTensor input, ByteString content)
    {
        var bytes = content.Span;
        double[]? numbers;
        switch (input.Datatype)
        {
            case "FP64":
                numbers = Read(bytes, 8, input.Name, b => BinaryPrimitives.ReadDoubleLittleEndian(b));
                break;
            case "FP32":
                numbers = Read(bytes, 4, input.Name, b => BinaryPrimitives.ReadSingleLittleEndian(b));
                break;
            case "INT64":
                numbers = Read(bytes, 8, input.Name, b => BinaryPrimitives.ReadInt64LittleEndian(b));
                break;
            case "INT32":
                numbers = Read(bytes, 4, input.Name, b => BinaryPrimitives.ReadInt32LittleEndian(b));
                break;
            case "BYTES":
                return new InferInput(input.Name, input.Datatype, [.. input.Shape], null, ReadStrings(bytes, input.Name));
            default:
                throw Invalid($"Input '{input.Name}': datatype '{input.Datatype}' is not supported; use FP64, FP32, INT64, INT32 or BYTES.");
        }

        return new InferInput(input.Name, input.Datatype, [.. input.Shape], numbers, null);
    }

    private delegate double ReadOne(ReadOnlySpan<byte> bytes);

    private static double[] Read(ReadOnlySpan<byte> bytes, int size, string name, ReadOne read)
    {
        if (bytes.Length % size != 0)
        {
            throw Invalid($"Input '{name}': {bytes.Length} raw bytes are not a whole number of {size}-byte elements.");
        }

        var values = new double[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes.Slice(i * size, size));
        }

        return values;
    }

    /// <summary>The protocol's raw BYTES layout: each element a 4-byte little-endian length, then that many bytes.</summary>
    private static string[] ReadStrings(ReadOnlySpan<byte> bytes, string name)
    {
        var texts = new List<string>();
        while (bytes.Length > 0)
        {
            var length = bytes.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : uint.MaxValue;
            if (length > (uint)(bytes.Length - 4) || bytes.Length < 4)
            {
                throw Invalid($"Input '{name}': raw BYTES content is not a sequence of length-prefixed strings.");
            }

            texts.Add(Encoding.UTF8.GetString(bytes.Slice(4, (int)length)));
            bytes = bytes[(4 + (int)length)..];
        }

        return [.. texts];
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, "Invalid inference request: " + detail));
}
