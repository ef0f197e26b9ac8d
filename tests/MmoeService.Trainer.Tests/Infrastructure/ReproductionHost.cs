using MmoeService.Trainer.Data;
using MmoeService.Trainer.Reproduction;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>Runs a trainer command in-process with the same features as Program.cs and the given --Key=value settings.</summary>
internal static class ReproductionHost
{
    public static (int ExitCode, string Errors) Run(string command, params string[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, DisableDefaults = true });
        builder.AddData();
        builder.AddTraining();
        builder.AddExport();
        builder.AddJobs();
        builder.AddReproduction();
        using var errors = new StringWriter();
        var code = TrainerCommands.Run(builder, command, errors);
        return (code, errors.ToString());
    }
}
