using MmoeService.Trainer.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The <c>reproduce census</c> command: runs the §6.3 study on the files of "Data:CensusIncome" (split with
/// "Data:Seed") and writes its results folder with command.txt.
/// </summary>
public sealed partial class CensusStudyJob(
    CensusStudy study,
    IOptions<ReproductionOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time,
    ILogger<CensusStudyJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var command = ReproductionCommandLine.Current();
        void Save(CensusStudyResult partial)
        {
            CensusReport.Write(partial, settings.Census.Output, command);
            File.WriteAllText(Path.Combine(settings.Census.Output, ReproductionCommandLine.FileName),
                ReproductionCommandLine.Describe(command, partial.Scale, time.GetUtcNow(), partial.Elapsed));
        }

        var result = study.Run(settings.Census, data.Value.CensusIncome, data.Value.Seed, settings.Seed, settings.Threads, cancellationToken, Save);
        Save(result);
        var folder = Path.GetFullPath(settings.Census.Output);
        LogWritten(logger, folder, result.Elapsed.TotalMinutes);
    }

    [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Results written to {Folder} after {Minutes:F1} min")]
    private static partial void LogWritten(ILogger logger, string folder, double minutes);
}
