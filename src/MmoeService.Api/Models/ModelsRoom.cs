using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MmoeService.Api.Models;

/// <summary>Wiring of the Models room: repository, loader, registry, polling, <c>GET /models</c> and the admin reload.</summary>
public static class ModelsRoom
{
    public static IHostApplicationBuilder AddModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ModelRepositoryOptions>()
            .BindConfiguration(ModelRepositoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ModelRepositoryOptions>, ModelRepositoryOptionsValidator>();
        builder.Services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICudaExecutionProvider, OrtCudaExecutionProvider>();
        builder.Services.AddSingleton<ExecutionProviderPolicy>();
        builder.Services.AddSingleton<ModelRepository>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddHostedService<ModelPoller>();
        return builder;
    }

    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var models = app.MapGroup("/models").WithTags("Models");
        models.MapGet("/", (ModelRegistry registry) => TypedResults.Ok(registry.Describe()))
            .WithName("ListModels")
            .WithSummary("Every configured model with its served version, architecture, tasks, experts, provider, load time, status and last load error.");

        var admin = app.MapGroup("/admin/models").WithTags("Admin");
        admin.MapPost("/{name}/reload", ReloadAsync)
            .WithName("ReloadModel")
            .WithSummary("Loads the version the model's policy selects now, even if it is already served; requires the admin API key header.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return admin;
    }

    /// <summary>
    /// 200 with the result when the version loaded (or reloaded); 422 when it failed verification, in which
    /// case the previous version keeps serving.
    /// </summary>
    private static async Task<Results<Ok<ModelReloadResult>, ProblemHttpResult>> ReloadAsync(
        string name,
        HttpRequest request,
        ModelRegistry registry,
        IOptions<ModelRepositoryOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.AdminApiKey is not { Length: > 0 } key)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Admin endpoints are disabled",
                detail: $"Set {ModelRepositoryOptions.SectionName}:AdminApiKey to enable them.");
        }

        var given = request.Headers[settings.AdminApiKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Admin API key missing or wrong",
                detail: $"Send the key in the {settings.AdminApiKeyHeader} header.");
        }

        if (!registry.IsConfigured(name))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown model",
                detail: $"Model '{name}' is not configured; configured models: {string.Join(", ", registry.ModelNames)}.");
        }

        var result = await registry.ReloadAsync(name, force: true, cancellationToken);
        if (result.Outcome is ReloadOutcome.Failed or ReloadOutcome.NoVersion)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Model version not loaded",
                detail: result.Error,
                extensions: new Dictionary<string, object?>
                {
                    ["model"] = result.Model,
                    ["attemptedVersion"] = result.AttemptedVersion,
                    ["servedVersion"] = result.ServedVersion,
                });
        }

        return TypedResults.Ok(result);
    }
}
