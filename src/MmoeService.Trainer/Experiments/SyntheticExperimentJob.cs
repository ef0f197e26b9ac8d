using MmoeService.Trainer.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Experiments;

/// <summary>The <c>experiment synthetic</c> command: runs the §5 study and writes its results folder with command.txt.</summary>
public sealed partial class SyntheticExperimentJob(
    SyntheticExperiment experiment,
    IOptions<ExperimentOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time,
    ILogger<SyntheticExperimentJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = experiment.Run(settings.Synthetic, data.Value.PaperSynthetic, settings.Seed, settings.Threads, cancellationToken);
        var command = ExperimentCommandLine.Current();
        SyntheticReport.Write(result, settings.Synthetic.Output, settings.Synthetic.CurveSmoothing, command);
        File.WriteAllText(Path.Combine(settings.Synthetic.Output, ExperimentCommandLine.FileName),
            ExperimentCommandLine.Describe(command, result.Scale, time.GetUtcNow(), result.Elapsed));
        var folder = Path.GetFullPath(settings.Synthetic.Output);
        LogWritten(logger, folder, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
