using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Export;

/// <summary>Wiring of the Export feature: exporter and manifest factory are pure functions; only the writer touches disk.</summary>
public static class ExportExtensions
{
    public static IHostApplicationBuilder AddExport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ModelRepositoryWriter>();
        return builder;
    }
}
