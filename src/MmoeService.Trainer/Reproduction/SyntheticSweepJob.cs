using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Reproduction;

/// <summary>The <c>reproduce synthetic-sweep</c> command: runs the converged §5 sweep and writes its results folder with command.txt.</summary>
public sealed partial class SyntheticSweepJob(
    SyntheticSweep sweep,
    IOptions<ReproductionOptions> options,
    TimeProvider time,
    ILogger<SyntheticSweepJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = sweep.Run(settings.Sweep, settings.Seed, settings.Threads, cancellationToken);
        var command = ReproductionCommandLine.Current();
        var folder = settings.Sweep.OutputFolder;
        SweepReport.Write(result, folder, command);
        var o = settings.Sweep;
        var scale = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"preset {result.Preset.Name}{(o.Standardise ? " (standardised labels)" : string.Empty)}; p = {o.Correlations}; {o.Runs} runs per (model, p); at most {o.MaxSteps} steps of batch {o.BatchSize}; seed {settings.Seed}");
        File.WriteAllText(Path.Combine(folder, ReproductionCommandLine.FileName),
            ReproductionCommandLine.Describe(command, scale, time.GetUtcNow(), result.Elapsed));
        var written = Path.GetFullPath(folder);
        LogWritten(logger, written, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
