using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.Serving.ModelRepository;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Puts a request that works as-is into the Swagger page of the scoring routes: the first request of the
/// served default model's examples.json, so the example follows the model's real feature names even after
/// retraining. Before a model is loaded it falls back to the contract's illustrative example.
/// </summary>
public sealed class ScoreExampleOperationFilter(ModelRegistry registry, IOptions<ExperimentOptions> experiments) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.ApiDescription.RelativePath ?? string.Empty;
        if (!path.EndsWith("score", StringComparison.Ordinal)
            || operation.RequestBody?.Content?.TryGetValue("application/json", out var media) != true
            || media is not OpenApiMediaType concrete)
        {
            return;
        }

        concrete.Example = Example();
    }

    private JsonNode Example()
    {
        using (var lease = registry.Acquire(experiments.Value.DefaultModel))
        {
            if (lease?.Snapshot.ExampleRequest?.DeepClone() is JsonObject example)
            {
                example["requestId"] = "swagger-example";
                example["topK"] = 2;
                return example;
            }
        }

        return JsonNode.Parse("""
            {
              "userId": "u-1842",
              "requestId": "swagger-example",
              "context": { "age": 34, "country": "DE", "device": "ios", "hour": 21 },
              "candidates": [
                { "itemId": "v-1", "features": { "category": "sports", "duration": 312, "popularity": 0.71 } },
                { "itemId": "v-2", "features": { "category": "news", "duration": 95, "popularity": 0.12 } }
              ],
              "topK": 50,
              "includeGates": true
            }
            """)!;
    }
}
