namespace MmoeService.Trainer.Reproduction;

/// <summary>Everything one sweep measured and what it cost (graph steps, rows through all runs and models, seconds).</summary>
public sealed record SweepResult(
    SyntheticPreset Preset,
    SyntheticSweepOptions Options,
    IReadOnlyList<double> Correlations,
    IReadOnlyList<SweepModel> Models,
    IReadOnlyList<SweepTrial> Trials,
    IReadOnlyList<SweepRun> Runs,
    IReadOnlyList<SweepCurve> Curves,
    long GraphSteps,
    long RowSteps,
    double TrainingSeconds,
    TimeSpan Elapsed)
{
    public IReadOnlyList<SweepRun> RunsOf(string model, double p) => [.. Runs.Where(r => r.Model == model && r.P == p).OrderBy(r => r.Run)];
}
