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
    public IEnumerable<CensusRun> RunsOf(int group, string model) => Runs.Where(r => r.Group == group && r.Model == model);

    /// <summary>The run with the best main-task test AUC: the paper's "best run", whose auxiliary AUC is reported beside it.</summary>
    public CensusRun? BestRun(int group, string model) => RunsOf(group, model).MaxBy(r => r.MainTestAuc);
}
