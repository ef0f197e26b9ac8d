using Microsoft.OpenApi;
using MmoeService.Serving.Scoring;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Describes <see cref="ScoredItem"/> as it travels (see <see cref="ScoreResponseWriter"/>): task outputs are
/// properties named after the model's tasks, shown here for the default models' <c>ctr</c> and <c>satisfaction</c>.
/// </summary>
public sealed class ScoredItemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Type != typeof(ScoredItem) || schema is not OpenApiSchema concrete)
        {
            return;
        }

        concrete.Description =
            "One scored candidate. Besides itemId, score and gates it has one number per task of the model, named after the task " +
            "(the default models answer ctr and satisfaction; GET /models lists every model's tasks).";
        concrete.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["itemId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The candidate's item id." },
            ["ctr"] = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float", Description = "Default models: predicted click probability." },
            ["satisfaction"] = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float", Description = "Default models: predicted satisfaction probability." },
            ["score"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Number | JsonSchemaType.Null,
                Format = "double",
                Description = "Ranking score: product of the task outputs raised to the model's Scoring:ScoreExponents (default 1 each), e.g. ctr^a · satisfaction^b.",
            },
            ["gates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "Task name to the task gate's softmax weights over the experts (each list sums to 1). Null for Shared-Bottom or when includeGates is false.",
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" },
                },
            },
            ["team"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Interleaving experiments only: the arm whose model placed the item (team-draft interleaving); its outputs, score and gates are that model's. Absent in A/B answers.",
            },
        };
        concrete.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float", Description = "Output of any other task." };
        concrete.Required = new HashSet<string> { "itemId", "score", "gates" };
    }
}
