using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using MmoeService.Contracts;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Wiring of the OpenApi feature: the OpenAPI document at <c>/swagger/v1/swagger.json</c> (with XML comments) and Swagger
/// UI at <c>/swagger</c> (mapped by <see cref="OpenApiApi"/>). The document is the contract: <c>.ci/lint-openapi</c> lints it as served and the client
/// project keeps a snapshot of it.
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>Id of the admin API key's security scheme.</summary>
    public const string AdminKeyScheme = "adminApiKey";

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
                Description =
                    "Multi-task ranking with Multi-gate Mixture-of-Experts models (Ma et al., KDD 2018). Send a user, the moment " +
                    "and candidate items to `POST /score` and get every candidate's per-task predictions and one ranking score, " +
                    "best first. Report what the user then did to `POST /feedback`; `GET /experiments/{name}/scorecard` compares " +
                    "the models of an A/B experiment on that feedback. Every error is RFC 9457 problem details carrying a `traceId`.",
                Contact = new OpenApiContact { Name = "MmoeService maintainers" },
                // No licence file ships with the project: default copyright applies, which the linked page explains.
                License = new OpenApiLicense { Name = "Proprietary: no licence is granted", Url = new Uri("https://choosealicense.com/no-permission/") },
            });
            // "/" is the origin that served this document, so Swagger UI's "Try it out" calls the same service.
            options.AddServer(new OpenApiServer { Url = "/", Description = "The service that serves this document." });

            // The wire types live in the two wings' assemblies; the host only composes them.
            options.IncludeXmlComments(typeof(ScoreRequest).Assembly);
            options.IncludeXmlComments(typeof(MmoeService.ExperimentPlatform.ExperimentPlatformExtensions).Assembly);
            // No type: a feature value is a number, a string or null, and the generated client carries it as an object.
            // (An anyOf of two primitive types comes out as an empty class in generated clients.)
            options.MapType<FeatureValue>(() => new OpenApiSchema
            {
                Description = "A raw feature value: a number (numeric features, or a categorical value), a string (categorical), or null (missing).",
            });
            options.SchemaFilter<ScoredItemSchemaFilter>();
            options.OperationFilter<ScoreExampleOperationFilter>();
            options.OperationFilter<EndpointTextOperationFilter>();
            options.OperationFilter<AdminKeyOperationFilter>();
            options.OperationFilter<MalformedRequestOperationFilter>();
            options.DocumentFilter<TagsDocumentFilter>();
            options.DocumentFilter<CodeReferencesDocumentFilter>();
            options.DocumentFilter<UnusedSchemasDocumentFilter>();
        });

        // The header the admin key travels in is configuration (Models:AdminApiKeyHeader), so the scheme reads it.
        builder.Services.AddOptions<SwaggerGenOptions>().Configure<IOptions<ModelRepositoryOptions>>((options, models) =>
            options.AddSecurityDefinition(AdminKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = models.Value.AdminApiKeyHeader,
                Description = $"The admin API key (configured as {ModelRepositoryOptions.SectionName}:AdminApiKey), sent in the {models.Value.AdminApiKeyHeader} header.",
            }));
        return builder;
    }
}
