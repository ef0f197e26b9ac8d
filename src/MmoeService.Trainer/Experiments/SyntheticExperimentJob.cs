using MmoeService.Trainer.Data;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Experiments;

/// <summary>The <c>experiment synthetic</c> command: runs the §5 study and writes its results folder with command.txt.</summary>
public sealed class SyntheticExperimentJob(
    SyntheticExperiment experiment,
    IOptions<ExperimentOptions> options,
    IOptions<DataOptions> data,
    TimeProvider time) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = experiment.Run(settings.Synthetic, data.Value.PaperSynthetic, settings.Seed, settings.Threads, cancellationToken);
        var command = ExperimentCommandLine.Current();
        SyntheticReport.Write(result, settings.Synthetic.Output, settings.Synthetic.CurveSmoothing, command);
        File.WriteAllText(Path.Combine(settings.Synthetic.Output, ExperimentCommandLine.FileName),
            ExperimentCommandLine.Describe(command, result.Scale, time.GetUtcNow(), result.Elapsed));
    }
}
