namespace MmoeService.Serving.ModelRepository;

/// <summary>Wiring of the Models feature: repository, loader, registry and polling. Its endpoints are in <see cref="ModelRepositoryApi"/>.</summary>
public static class ModelRepositoryExtensions
{
    public static IHostApplicationBuilder AddModels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ModelRepositoryOptions, ModelRepositoryOptionsValidator>()
            .BindConfiguration(ModelRepositoryOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptionsWithValidateOnStart<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICudaExecutionProvider, OrtCudaExecutionProvider>();
        builder.Services.AddSingleton<ExecutionProviderPolicy>();
        builder.Services.AddSingleton<RepositoryLayout>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddHostedService<ModelPoller>();
        return builder;
    }
}
