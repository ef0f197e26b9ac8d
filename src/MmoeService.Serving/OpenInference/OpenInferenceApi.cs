using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Serving.Http;
using MmoeService.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace MmoeService.Serving.OpenInference;

/// <summary>
/// The Open Inference Protocol's REST binding under <c>/v2</c>: health, server and model metadata, model readiness
/// and infer, with or without <c>/versions/{version}</c>. Health answers 200 for true and 400 for false, as the
/// protocol says. Errors are RFC 9457 problem details that also carry the protocol's <c>error</c> member, so both
/// kinds of client read them.
/// </summary>
public static class OpenInferenceApi
{
    /// <summary>Maps every route; returns the infer routes alone, so only they get the data plane's admission limits.</summary>
    public static RouteGroupBuilder MapOpenInferenceRest(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The contract of /v2 is the published KServe v2 REST specification (docs/protocols.md), which its own clients
        // already implement; the service's OpenAPI document and generated client cover only the service's own API.
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol").ExcludeFromDescription();
        v2.MapGet("/health/live", () => TypedResults.Ok(new JsonObject { ["live"] = true })).WithName("OipServerLive");
        v2.MapGet("/health/ready", (OpenInferenceModels models) => models.ServerReady ? Results.Ok(new JsonObject { ["ready"] = true }) : NotReady("The server has a model without a loaded version.")).WithName("OipServerReady");
        v2.MapGet("/", () => TypedResults.Ok(new JsonObject
        {
            ["name"] = OpenInferenceModels.ServerName,
            ["version"] = OpenInferenceModels.ServerVersion,
            ["extensions"] = new JsonArray(),
        })).WithName("OipServerMetadata");
        foreach (var prefix in new[] { "/models/{name}", "/models/{name}/versions/{version}" })
        {
            var versioned = prefix.Contains("{version}", StringComparison.Ordinal) ? "Version" : string.Empty;
            v2.MapGet(prefix, (string name, string? version, OpenInferenceModels models) => Metadata(models, name, version)).WithName("OipModelMetadata" + versioned);
            v2.MapGet(prefix + "/ready", (string name, string? version, OpenInferenceModels models) =>
                models.IsReady(name, version) ? Results.Ok(new JsonObject { ["name"] = name, ["ready"] = true }) : NotReady($"Model '{name}' is not ready.")).WithName("OipModelReady" + versioned);
        }

        var infer = v2.MapGroup("/models/{name}");
        infer.MapPost("/infer", (string name, HttpContext http, OpenInferenceModels models, IOptions<ScoringOptions> options) => InferAsync(http, models, options.Value, name, null)).WithName("OipModelInfer");
        infer.MapPost("/versions/{version}/infer", (string name, string version, HttpContext http, OpenInferenceModels models, IOptions<ScoringOptions> options) => InferAsync(http, models, options.Value, name, version)).WithName("OipModelInferVersion");
        return infer;
    }

    private static IResult Metadata(OpenInferenceModels models, string name, string? version)
    {
        var metadata = models.Metadata(name, version, out var problem);
        if (metadata is null)
        {
            return Problem(problem!);
        }

        return Results.Ok(new JsonObject
        {
            ["name"] = metadata.Name,
            ["versions"] = new JsonArray([.. metadata.Versions.Select(v => (JsonNode?)v)]),
            ["platform"] = metadata.Platform,
            ["inputs"] = Tensors(metadata.Inputs),
            ["outputs"] = Tensors(metadata.Outputs),
        });
    }

    private static JsonArray Tensors(IEnumerable<TensorMetadata> tensors) =>
        new([.. tensors.Select(t => (JsonNode?)new JsonObject
        {
            ["name"] = t.Name,
            ["datatype"] = t.Datatype,
            ["shape"] = new JsonArray([.. t.Shape.Select(d => (JsonNode?)d)]),
        })]);

    private static async Task<IResult> InferAsync(HttpContext http, OpenInferenceModels models, ScoringOptions settings, string name, string? version)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problem(new ScoreProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body as application/json; got '{http.Request.ContentType ?? "no content type"}'."));
        }

        JsonObject? body;
        using (var read = await PooledBody.ReadAsync(http.Request, settings.MaxRequestBodyBytes, http.RequestAborted))
        {
            if (read is null)
            {
                return Problem(new ScoreProblem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body may be at most {settings.MaxRequestBodyBytes} bytes ({ScoringOptions.SectionName}:MaxRequestBodyBytes)."));
            }

            try
            {
                body = JsonNode.Parse(read.WrittenSpan) as JsonObject;
            }
            catch (JsonException ex)
            {
                return Problem(new ScoreProblem(StatusCodes.Status400BadRequest, "Malformed JSON", PooledBody.FirstSentence(ex.Message)));
            }
        }

        if (body is null)
        {
            return Problem(new ScoreProblem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object."));
        }

        List<InferInput> inputs;
        try
        {
            inputs = ReadInputs(body);
        }
        catch (FormatException ex)
        {
            return Problem(new ScoreProblem(StatusCodes.Status400BadRequest, "Invalid inference request", ex.Message));
        }

        var id = body["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var idText) ? idText : null;
        var userId = body["parameters"]?["user_id"] is JsonValue user && user.TryGetValue<string>(out var userText) ? userText : null;
        var requested = body["outputs"] is JsonArray outputs
            ? outputs.Select(o => o?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : string.Empty).ToList()
            : null;
        var (answer, problem) = await models.InferAsync(name, version, id, userId, inputs, requested, http.RequestAborted);
        if (answer is null)
        {
            return Problem(problem!);
        }

        var result = new JsonObject
        {
            ["model_name"] = answer.ModelName,
            ["model_version"] = answer.ModelVersion,
        };
        if (answer.Id is not null)
        {
            result["id"] = answer.Id;
        }

        result["outputs"] = new JsonArray([.. answer.Outputs.Select(o => (JsonNode?)new JsonObject
        {
            ["name"] = o.Name,
            ["datatype"] = "FP32",
            ["shape"] = new JsonArray([.. o.Shape.Select(d => (JsonNode?)d)]),
            ["data"] = new JsonArray([.. o.Data.Select(v => (JsonNode?)(float.IsFinite(v) ? JsonValue.Create(v) : null))]),
        })]);
        return Results.Ok(result);
    }

    /// <summary>The request's <c>inputs</c>: name, datatype, shape and flat (or nested) <c>data</c> of numbers or strings.</summary>
    /// <exception cref="FormatException">An input is not shaped as the protocol says.</exception>
    private static List<InferInput> ReadInputs(JsonObject body)
    {
        if (body["inputs"] is not JsonArray array)
        {
            throw new FormatException("The body needs an 'inputs' array of tensors.");
        }

        var inputs = new List<InferInput>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject tensor || tensor["name"]?.GetValueKind() != JsonValueKind.String || tensor["datatype"]?.GetValueKind() != JsonValueKind.String || tensor["shape"] is not JsonArray shape || tensor["data"] is not JsonArray data)
            {
                throw new FormatException($"inputs[{i}] needs name, datatype, shape and data.");
            }

            var name = (string)tensor["name"]!;
            var datatype = (string)tensor["datatype"]!;
            var dims = shape.Select(d => d?.GetValueKind() == JsonValueKind.Number ? (long)d.AsValue().GetValue<double>() : throw new FormatException($"inputs[{i}].shape must be integers.")).ToArray();
            var flat = Flatten(data).ToList();
            if (datatype == "BYTES")
            {
                var texts = flat.Select(v => v switch
                {
                    null => string.Empty,
                    JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
                    JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
                    _ => throw new FormatException($"inputs[{i}] ('{name}') BYTES data must be strings."),
                }).ToArray();
                inputs.Add(new InferInput(name, datatype, dims, null, texts));
            }
            else if (datatype is "FP64" or "FP32" or "INT64" or "INT32" or "INT16" or "INT8")
            {
                var numbers = flat.Select(v => v switch
                {
                    null => double.NaN,
                    JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
                    _ => throw new FormatException($"inputs[{i}] ('{name}') {datatype} data must be numbers."),
                }).ToArray();
                inputs.Add(new InferInput(name, datatype, dims, numbers, null));
            }
            else
            {
                throw new FormatException($"inputs[{i}] ('{name}'): datatype '{datatype}' is not supported; use FP64, FP32, INT64, INT32 or BYTES.");
            }
        }

        return inputs;
    }

    private static IEnumerable<JsonNode?> Flatten(JsonArray data)
    {
        foreach (var item in data)
        {
            if (item is JsonArray nested)
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return item;
            }
        }
    }

    private static IResult NotReady(string detail) => Problem(new ScoreProblem(StatusCodes.Status400BadRequest, "Not ready", detail));

    private static IResult Problem(ScoreProblem problem)
    {
        var extensions = new Dictionary<string, object?>(problem.Extensions ?? new Dictionary<string, object?>())
        {
            ["error"] = $"{problem.Title}: {problem.Detail}",
        };
        if (problem.Errors is { } errors)
        {
            extensions["errors"] = errors;
        }

        return Results.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, extensions: extensions);
    }
}
