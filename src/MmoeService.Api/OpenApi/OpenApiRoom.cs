using Microsoft.OpenApi;
using MmoeService.Serving.Scoring;
using MmoeService.Contracts;

namespace MmoeService.Api.OpenApi;

/// <summary>Wiring of the OpenApi room: the Swagger document (with XML comments) and Swagger UI at <c>/swagger</c>.</summary>
public static class OpenApiRoom
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MmoeService",
                Version = "v1",
                Description = "Multi-task ranking (MMoE, Ma et al. KDD 2018) on ONNX Runtime. POST /score ranks candidates by a " +
                    "weighted product of task predictions; GET /models shows what is served.",
            });
            // The wire types live in the two wings' assemblies; the host only composes them.
            options.IncludeXmlComments(typeof(ScoreRequest).Assembly);
            options.IncludeXmlComments(typeof(MmoeService.ExperimentPlatform.ExperimentMetrics).Assembly);
            options.MapType<FeatureValue>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null,
                Description = "A raw feature value: a number (numeric features, or a categorical value), a string (categorical), or null (missing).",
            });
            options.SchemaFilter<ScoredItemSchemaFilter>();
            options.OperationFilter<ScoreExampleOperationFilter>();
        });
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSwagger();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "MmoeService v1");
        });
        return app;
    }
}
