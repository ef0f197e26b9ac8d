using Microsoft.AspNetCore.Http.HttpResults;

namespace MmoeService.Serving.ModelRepository;

/// <summary>The model repository's HTTP surface: <c>GET /models</c> and the admin reload, kept apart from the lifecycle code.</summary>
public static class ModelRepositoryApi
{
    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var models = app.MapGroup("/models").WithTags("Models");
        models.MapGet("/", (ModelRegistry registry) => TypedResults.Ok(registry.Describe()))
            .WithName("ListModels")
            .WithSummary("Lists the configured models and what each one serves.")
            .WithDescription(
                "One entry per configured model: the version policy, the version answering requests (null while none is loaded), " +
                "its architecture, task names in output order, experts per gate, the feature names it accepts, where it runs (CPU or CUDA), " +
                "when it was loaded, and the last failed load with its reason. Use the feature names to build `POST /score` requests.");

        var admin = app.MapGroup("/admin/models").WithTags("Admin").AddEndpointFilter<AdminApiKeyFilter>();
        admin.MapPost("/{name}/reload", ReloadAsync)
            .WithName("ReloadModel")
            .WithSummary("Reloads a model now.")
            .WithDescription(
                "Loads the version the model's version policy selects (the newest, or the pinned one), even when that version is already " +
                "served, verifies it and swaps it in. 200 reports the attempted and the served version. 422 means the version failed " +
                "verification and the previous version keeps serving. Needs the admin API key; 403 while the service has no key configured.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return admin;
    }

    /// <summary>
    /// 200 with the result when the version loaded (or reloaded); 422 when it failed verification, in which
    /// case the previous version keeps serving. The group's <see cref="AdminApiKeyFilter"/> has checked the key.
    /// </summary>
    private static async Task<Results<Ok<ModelReloadResult>, ProblemHttpResult>> ReloadAsync(
        string name,
        ModelRegistry registry,
        CancellationToken cancellationToken)
    {
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
