using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace MmoeService.Trainer.Training;

/// <summary>Wiring of the Training feature: options and validation, the trainer and the progress display.</summary>
public static class TrainingExtensions
{
    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<TrainingOptions, TrainingOptionsValidator>()
            .BindConfiguration(TrainingOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(AnsiConsole.Console);
        builder.Services.AddSingleton<TrainingProgressDisplay>();
        builder.Services.AddSingleton<MultiTaskTrainer>();
        return builder;
    }
}
