namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The bounded hyper-parameter search of the census study. The paper tuned with a Gaussian-process tuner
/// over up to 2,048 units per layer; here every (model, group) tries <see cref="CensusStudyOptions.Trials"/>
/// configurations drawn without replacement, with a fixed seed, from the Cartesian product of the grids.
/// </summary>
public static class CensusSearchSpace
{
    public static IReadOnlyList<CensusCandidate> All(StudyModel model, CensusStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var hasExperts = model.Experts > 0;
        var units = ReproductionOptions.ParseNumbers(hasExperts ? options.ExpertUnits : options.BottomUnits);
        var experts = hasExperts ? ReproductionOptions.ParseNumbers(options.Experts) : [0];
        var towers = ReproductionOptions.ParseNumbers(options.TowerUnits);
        var rates = ReproductionOptions.ParseNumbers(options.LearningRates);
        return
        [
            .. from u in units
               from e in experts
               from t in towers
               from r in rates
               select new CensusCandidate((int)u, (int)e, (int)t, r),
        ];
    }

    /// <summary>At most <paramref name="count"/> distinct configurations, the same ones for the same seed.</summary>
    public static IReadOnlyList<CensusCandidate> Sample(StudyModel model, CensusStudyOptions options, int count, int seed)
    {
        var all = All(model, options).ToArray();
        new Random(seed).Shuffle(all);
        return all.Take(count).ToArray();
    }
}
