using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Simulation;

/// <summary>Wiring of the Simulation feature: the <c>simulate</c> command and its options.</summary>
public static class SimulationExtensions
{
    public const string SimulateCommand = "simulate";

    public static IHostApplicationBuilder AddSimulation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<SimulationOptions>()
            .BindConfiguration(SimulationOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddKeyedSingleton<ITrainerJob, SimulationJob>(SimulateCommand);
        return builder;
    }
}
