using Microsoft.Extensions.Options;

namespace MmoeService.Serving.Batching;

/// <summary>
/// Wiring of the Batching feature: the runner the scoring pipeline calls is the <see cref="DynamicBatcher"/> when
/// Batching:Enabled (off by default), otherwise the <see cref="OnnxInferenceRunner"/> it would wrap.
/// </summary>
public static class BatchingExtensions
{
    public static IHostApplicationBuilder AddBatching(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<BatchingOptions>()
            .BindConfiguration(BatchingOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<OnnxInferenceRunner>();
        builder.Services.AddSingleton<DynamicBatcher>();
        builder.Services.AddSingleton<IInferenceRunner>(services =>
            services.GetRequiredService<IOptions<BatchingOptions>>().Value.Enabled
                ? services.GetRequiredService<DynamicBatcher>()
                : services.GetRequiredService<OnnxInferenceRunner>());
        return builder;
    }
}
