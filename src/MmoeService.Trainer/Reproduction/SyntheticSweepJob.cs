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
        var command = ReproductionCommandLine.Current();
        var folder = settings.Sweep.OutputFolder;
        var o = settings.Sweep;
        void Save(SweepResult partial, bool complete)
        {
            SweepReport.Write(partial, folder, command);
            var done = string.Join(",", partial.Correlations);
            var scale = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"preset {partial.Preset.Name}{(o.Standardise ? " (standardised labels)" : string.Empty)}; p = {o.Correlations}{(complete ? string.Empty : $" (PARTIAL: only p = {done} finished when this was written)")}; {o.Runs} runs per (model, p); at most {o.MaxSteps} steps of batch {o.BatchSize}; seed {settings.Seed}");
            File.WriteAllText(Path.Combine(folder, ReproductionCommandLine.FileName),
                ReproductionCommandLine.Describe(command, scale, time.GetUtcNow(), partial.Elapsed));
        }

        var result = sweep.Run(settings.Sweep, settings.Seed, settings.Threads, cancellationToken, partial => Save(partial, complete: false));
        Save(result, complete: true);
        var written = Path.GetFullPath(folder);
        LogWritten(logger, written, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
