namespace MmoeService.Trainer.Reproduction;

/// <summary>Everything the synthetic study measured; <see cref="SyntheticReport"/> turns it into files.</summary>
public sealed record SyntheticStudyResult(
    IReadOnlyList<StudyModel> Models,
    IReadOnlyList<double> Correlations,
    IReadOnlyList<LearningRateTrial> Trials,
    IReadOnlyList<SyntheticRun> Runs,
    string Scale,
    TimeSpan Elapsed)
{
    /// <summary>The learning rate chosen for (model, p): lowest mean validation loss over the tuning runs.</summary>
    public double ChosenLearningRate(string model, double correlation) => Trials
        .Where(t => t.Model == model && t.Correlation == correlation)
        .GroupBy(t => t.LearningRate)
        .OrderBy(g => g.Average(t => t.ValidationLoss))
        .Select(g => g.Key)
        .DefaultIfEmpty(double.NaN)
        .First();

    public IEnumerable<SyntheticRun> RunsOf(string model, double correlation) =>
        Runs.Where(r => r.Model == model && r.Correlation == correlation);
}
