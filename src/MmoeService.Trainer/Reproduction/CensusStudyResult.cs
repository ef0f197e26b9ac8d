namespace MmoeService.Trainer.Reproduction;

/// <summary>Everything the census study measured; <see cref="CensusReport"/> turns it into files.</summary>
public sealed record CensusStudyResult(
    IReadOnlyList<StudyModel> Models,
    IReadOnlyList<CensusGroup> Groups,
    IReadOnlyList<CensusTrial> Trials,
    IReadOnlyList<CensusRun> Runs,
    string Scale,
    TimeSpan Elapsed)
{
    /// <summary>The step budget: epochs at most x steps per epoch of the largest training split.</summary>
    public int MaxSteps { get; init; }

    public IEnumerable<CensusRun> RunsOf(int group, string model) => Runs.Where(r => r.Group == group && r.Model == model);

    /// <summary>
    /// The paper's "best run": the run with the best main-task validation AUC (chosen on validation, never
    /// on test), whose test AUCs are reported.
    /// </summary>
    public CensusRun? BestRun(int group, string model) => RunsOf(group, model).MaxBy(r => r.MainValidationAuc);
}
