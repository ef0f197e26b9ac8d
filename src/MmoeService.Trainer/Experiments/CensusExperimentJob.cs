using MmoeService.Trainer.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Experiments;

/// <summary>
/// The <c>experiment census</c> command: runs the §6.3 study on the files of "Data:CensusIncome" (split with
/// "Data:Seed") and writes its results folder with command.txt.
/// </summary>
public sealed partial class CensusExperimentJob(
    CensusExperiment experiment,
    IOptions<ExperimentOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time,
    ILogger<CensusExperimentJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = experiment.Run(settings.Census, data.Value.CensusIncome, data.Value.Seed, settings.Seed, settings.Threads, cancellationToken);
        var command = ExperimentCommandLine.Current();
        CensusReport.Write(result, settings.Census.Output, command);
        File.WriteAllText(Path.Combine(settings.Census.Output, ExperimentCommandLine.FileName),
            ExperimentCommandLine.Describe(command, result.Scale, time.GetUtcNow(), result.Elapsed));
        var folder = Path.GetFullPath(settings.Census.Output);
        LogWritten(logger, folder, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
