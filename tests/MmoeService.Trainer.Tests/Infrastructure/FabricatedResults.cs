using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>Hand-made experiment results with known answers, so the report writers are tested without training.</summary>
internal static class FabricatedResults
{
    /// <summary>
    /// p in {0.5, 1}: every model improves with p, MMoE is lowest everywhere with its biggest lead at 0.5,
    /// OMoE closes in at p = 1, Shared-Bottom varies most; label correlation rises with p.
    /// </summary>
    public static SyntheticStudyResult Synthetic()
    {
        var means = new Dictionary<(string, double), double>
        {
            [("mmoe", 0.5)] = 1.0, [("omoe", 0.5)] = 1.5, [("shared-bottom", 0.5)] = 1.6,
            [("mmoe", 1.0)] = 0.5, [("omoe", 1.0)] = 0.52, [("shared-bottom", 1.0)] = 0.7,
        };
        var runs = new List<SyntheticRun>();
        var trials = new List<LearningRateTrial>();
        foreach (var ((model, p), mean) in means)
        {
            var spread = model == "shared-bottom" ? 0.3 : 0.05;
            for (var r = 1; r <= 4; r++)
            {
                var loss = mean + (spread * (r - 2.5));
                var steps = Enumerable.Range(1, 10).Select(s => loss + (5.0 / s)).ToArray();
                runs.Add(new SyntheticRun(p, model, r, 100 * r, r, 1e-3, 1000, steps, loss, loss, loss, loss / 2, loss / 2, 3, p / 2, p, 0.1));
            }

            trials.Add(new LearningRateTrial(p, model, 1e-3, 0, mean));
            trials.Add(new LearningRateTrial(p, model, 1e-2, 0, mean + 1));
        }

        return new SyntheticStudyResult(StudyModel.Synthetic, [0.5, 1.0], trials, runs, "fabricated", TimeSpan.FromSeconds(1));
    }

    /// <summary>Group 1 only; MMoE's runs have the highest main AUC; the best MMoE run is run 2.</summary>
    public static CensusStudyResult Census()
    {
        var candidate = new CensusCandidate(16, 8, 8, 1e-3);
        var main = new Dictionary<string, double[]>
        {
            ["mmoe"] = [0.930, 0.936, 0.933],
            ["omoe"] = [0.928, 0.929, 0.927],
            ["shared-bottom"] = [0.925, 0.926, 0.924],
            ["single-task"] = [0.920, 0.921, 0.922],
        };
        var runs = main.SelectMany(p => p.Value.Select((auc, i) =>
            new CensusRun(1, p.Key, i + 1, i, candidate, 1000, 3, auc, auc, 0.99 + (i / 1000.0), 1))).ToList();
        var group = new CensusGroup(1, "income", "marital", "fabricated rows", 60, 20, 20, 0.06, 0.4, 0.18, 100);
        return new CensusStudyResult(CensusStudy.Models, [group], [new CensusTrial(1, "mmoe", candidate, 0.93, 1)], runs, "fabricated", TimeSpan.FromSeconds(1));
    }
}
