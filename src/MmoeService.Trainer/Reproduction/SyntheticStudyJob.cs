using MmoeService.Trainer.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Reproduction;

/// <summary>The <c>reproduce synthetic</c> command: runs the §5 study and writes its results folder with command.txt.</summary>
public sealed partial class SyntheticStudyJob(
    SyntheticStudy study,
    IOptions<ReproductionOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time,
    ILogger<SyntheticStudyJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = study.Run(settings.Synthetic, data.Value.PaperSynthetic, settings.Seed, settings.Threads, cancellationToken);
        var command = ReproductionCommandLine.Current();
        SyntheticReport.Write(result, settings.Synthetic.Output, settings.Synthetic.CurveSmoothing, command);
        File.WriteAllText(Path.Combine(settings.Synthetic.Output, ReproductionCommandLine.FileName),
            ReproductionCommandLine.Describe(command, result.Scale, time.GetUtcNow(), result.Elapsed));
        var folder = Path.GetFullPath(settings.Synthetic.Output);
        LogWritten(logger, folder, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
