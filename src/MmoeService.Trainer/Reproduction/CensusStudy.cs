using System.Diagnostics;
using System.Globalization;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The census-income study of Ma et al. §6.3: per task group, each model (MMoE, OMoE, Shared-Bottom and the
/// single-task baseline, CGC and PLE) first gets a bounded hyper-parameter search on the main task's validation AUC, then
/// R runs with the chosen configuration and different initialisation seeds on the same fixed split. Each run
/// reports the main and auxiliary test AUC of the same trained model(s).
/// </summary>
public sealed partial class CensusStudy(RunTrainer trainer, ILogger<CensusStudy> logger)
{
    public static IReadOnlyList<StudyModel> Models { get; } =
    [
        new(ModelArchitecture.Mmoe, "MMoE", ModelArchitecture.Mmoe, 8, "16", "8"),
        new(ModelArchitecture.Omoe, "OMoE", ModelArchitecture.Omoe, 8, "16", "8"),
        new(ModelArchitecture.SharedBottom, "Shared-Bottom", ModelArchitecture.SharedBottom, 0, "64", "8"),
        SingleTaskBaseline.Model,

        // Tang et al. 2020: shared experts (the searched count) plus one task-specific expert per task; PLE with two levels.
        new(ModelArchitecture.Cgc, "CGC", ModelArchitecture.Cgc, 4, "16", "8"),
        new(ModelArchitecture.Ple, "PLE", ModelArchitecture.Ple, 4, "16", "8"),
    ];

    /// <param name="options">Study settings.</param>
    /// <param name="data">Where the census files are; its Group is replaced by each group of the study.</param>
    /// <param name="dataSeed">Seed of the split (fixed across runs, as in the paper).</param>
    /// <param name="seed">Base seed of the search and of the runs' initialisation.</param>
    /// <param name="threads">Torch threads; 0 keeps libtorch's default.</param>
    /// <param name="cancellationToken">Stops between epochs.</param>
    /// <param name="checkpoint">Receives the result so far after every (group, model), so a long study leaves its finished part on disk.</param>
    public CensusStudyResult Run(CensusStudyOptions options, CensusIncomeOptions data, int dataSeed, int seed, int threads, CancellationToken cancellationToken, Action<CensusStudyResult>? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var groups = new List<CensusGroup>();
        var trials = new List<CensusTrial>();
        var runs = new List<CensusRun>();
        foreach (var group in ReproductionOptions.ParseNumbers(options.Groups).Select(g => (int)g))
        {
            var prepared = Prepare(options, data, group, dataSeed);
            groups.Add(prepared.Info);
            LogGroup(logger, group, prepared.Info.Description);
            long budget = 0;
            for (var m = 0; m < Models.Count; m++)
            {
                var model = Models[m];
                var candidates = CensusSearchSpace.Sample(model, options, options.Trials, ModelSeed(seed, group, m, 0));
                if (options.MatchParameters && budget > 0)
                {
                    // Capacity matching: every other model's width is set so its parameters equal the reference's.
                    candidates = [.. candidates.Select(c => Matched(prepared, model, c, budget)).Distinct()];
                }

                CensusCandidate? chosen = null;
                var bestAuc = double.NegativeInfinity;
                foreach (var candidate in candidates)
                {
                    var trial = Measure(prepared, model, candidate, options, ModelSeed(seed, group, m, 900_000 + trials.Count), threads, cancellationToken);
                    trials.Add(new CensusTrial(group, model.Key, candidate, trial.MainValidationAuc, trial.Seconds));
                    LogTrial(logger, group, model.Label, candidate, trial.MainValidationAuc);
                    if (trial.MainValidationAuc > bestAuc || chosen is null)
                    {
                        (chosen, bestAuc) = (candidate, trial.MainValidationAuc);
                    }
                }

                if (options.MatchParameters && m == 0)
                {
                    budget = Parameters(prepared, model, chosen!);
                    LogBudget(logger, group, model.Label, chosen!, budget);
                }

                for (var r = 0; r < options.Runs; r++)
                {
                    var run = Measure(prepared, model, chosen!, options, ModelSeed(seed, group, m, r + 1), threads, cancellationToken) with { Run = r + 1 };
                    runs.Add(run);
                    LogRun(logger, group, model.Label, r + 1, options.Runs, run.MainTestAuc, run.AuxTestAuc, run.Seconds);
                }

                var done = runs.Select(r => r.Model).ToHashSet();
                checkpoint?.Invoke(new CensusStudyResult([.. Models.Where(x => done.Contains(x.Key))], [.. groups], [.. trials], [.. runs], "PARTIAL (written while the study was still running)", clock.Elapsed));
            }
        }

        var scale = string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} runs per (model, group) after a search of {options.Trials} configuration(s) on main-task validation AUC; at most {options.Epochs} epochs (early stopping, patience {options.Patience}) of batch {options.BatchSize}; ") +
            (options.MatchParameters ? "every model's width matched to the parameter count of MMoE's chosen configuration (at most 2,048 units per layer); best run chosen on validation AUC" : "widths from the grids (not capacity-matched); best run chosen on validation AUC");
        if (options.MaxTrainRows > 0)
        {
            scale += string.Create(CultureInfo.InvariantCulture, $"; training rows capped at {options.MaxTrainRows:N0}");
        }
        var stepsPerEpoch = groups.Select(g => (g.TrainRows + options.BatchSize - 1) / options.BatchSize).DefaultIfEmpty(0).Max();
        return new CensusStudyResult(Models, groups, trials, runs, scale, clock.Elapsed) { MaxSteps = options.Epochs * stepsPerEpoch };
    }

    /// <summary>The paper's bound on the width of any layer.</summary>
    public const int MaxUnits = 2048;

    /// <summary>Trainable parameters of <paramref name="model"/> shaped by <paramref name="candidate"/> (both networks for single-task).</summary>
    public static long Parameters(FeatureSchema schema, StudyModel model, CensusCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(candidate);
        var options = RunTrainer.Options(candidate.Shape(model), candidate.LearningRate, 1, 1, 0, 1, 0);
        var tasks = model.IsSingleTask ? 1 : 2;
        using var network = MultiTaskTrainer.CreateNetwork(schema, tasks, options);
        return network.parameters().Sum(p => p.numel()) * (model.IsSingleTask ? 2 : 1);
    }

    /// <summary>
    /// <paramref name="candidate"/> with the width (1..<see cref="MaxUnits"/>, the paper's bound) whose parameter
    /// count is closest to <paramref name="budget"/>; parameters grow with the width, so a bisection finds it.
    /// </summary>
    public static CensusCandidate Matched(FeatureSchema schema, StudyModel model, CensusCandidate candidate, long budget)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var (low, high) = (1, MaxUnits);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Parameters(schema, model, candidate with { Units = mid }) < budget)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var above = candidate with { Units = low };
        var below = candidate with { Units = Math.Max(1, low - 1) };
        return Math.Abs(Parameters(schema, model, below) - budget) < Math.Abs(Parameters(schema, model, above) - budget) ? below : above;
    }

    /// <summary>Initialisation seed of model <paramref name="model"/>'s run <paramref name="run"/> in <paramref name="group"/>.</summary>
    public static int ModelSeed(int seed, int group, int model, int run) => unchecked((seed * 7919) + (group * 1_000_003) + (model * 10_007) + run);

    private static long Parameters(Prepared data, StudyModel model, CensusCandidate candidate) => Parameters(data.Schema, model, candidate);

    private static CensusCandidate Matched(Prepared data, StudyModel model, CensusCandidate candidate, long budget) => Matched(data.Schema, model, candidate, budget);

    private static Prepared Prepare(CensusStudyOptions options, CensusIncomeOptions data, int group, int dataSeed)
    {
        var settings = new CensusIncomeOptions { TrainFile = data.TrainFile, TestFile = data.TestFile, Group = group };
        var raw = CensusIncomeSource.Load(settings, dataSeed);
        var schema = SchemaFitter.Fit(raw);
        var encoder = new FeatureEncoder(schema);
        var train = EncodedSplit.Encode(raw.Train, raw.Features, encoder);
        if (options.MaxTrainRows > 0 && train.Rows > options.MaxTrainRows)
        {
            train = Head(train, options.MaxTrainRows);
        }

        var validation = EncodedSplit.Encode(raw.Validation, raw.Features, encoder);
        var test = EncodedSplit.Encode(raw.Test, raw.Features, encoder);
        var info = new CensusGroup(group, raw.Tasks[0].Task, raw.Tasks[1].Task, raw.Info.Description, train.Rows, validation.Rows, test.Rows,
            MetricsCalculator.PositiveRate(test.Labels[0]), MetricsCalculator.PositiveRate(test.Labels[1]),
            SampleSummary.Pearson(test.Labels[0], test.Labels[1]),
            schema.Numeric.Count + schema.Categorical.Sum(c => c.EmbeddingDim));
        return new Prepared(info, schema, raw.Tasks, train, validation, test);
    }

    /// <summary>The first <paramref name="rows"/> rows (the split is already shuffled).</summary>
    private static EncodedSplit Head(EncodedSplit split, int rows) => new(
        rows,
        split.Numeric[..(rows * split.NumericWidth)],
        split.Categorical[..(rows * split.CategoricalWidth)],
        [.. split.Labels.Select(l => l[..rows])],
        split.NumericWidth,
        split.CategoricalWidth);

    private CensusRun Measure(Prepared data, StudyModel model, CensusCandidate candidate, CensusStudyOptions options, int seed, int threads, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var shaped = candidate.Shape(model);
        var training = RunTrainer.Options(shaped, candidate.LearningRate, options.Epochs, options.BatchSize, options.Patience, seed, threads);
        var networks = new List<TrainedNetwork>();
        try
        {
            if (model.IsSingleTask)
            {
                networks.AddRange(SingleTaskBaseline.Train(trainer, data.Schema, data.Train, data.Validation, data.Tasks, training, cancellationToken));
            }
            else
            {
                networks.Add(trainer.Train(data.Schema, data.Train, data.Validation, data.Tasks, training, cancellationToken));
            }

            // Task k's prediction: output k of the multi-task network, or output 0 of single-task network k.
            double TestAuc(int k)
            {
                var (network, output) = networks.Count == 1 ? (networks[0], k) : (networks[k], 0);
                var kinds = Enumerable.Repeat(TaskKind.Binary, network.Network.TaskCount).ToArray();
                return MetricsCalculator.Auc(NetworkPredictor.Predict(network.Network, data.Test, kinds).Outputs[output], data.Test.Labels[k]);
            }

            return new CensusRun(
                data.Info.Group,
                model.Key,
                0,
                seed,
                candidate,
                networks.Sum(n => n.Parameters),
                networks.Max(n => n.Result.EpochsRun),
                networks[0].Result.Validation[0].Auc ?? double.NaN,
                TestAuc(0),
                TestAuc(1),
                clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var network in networks)
            {
                network.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 413, Level = LogLevel.Information, Message = "Group {Group}: {Model} chose {Candidate}; every other model is matched to its {Parameters} parameters")]
    private static partial void LogBudget(ILogger logger, int group, string model, CensusCandidate candidate, long parameters);

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Census group {Group}: {Description}")]
    private static partial void LogGroup(ILogger logger, int group, string description);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Group {Group} {Model} search: {Candidate} -> main validation AUC {Auc:F4}")]
    private static partial void LogTrial(ILogger logger, int group, string model, CensusCandidate candidate, double auc);

    [LoggerMessage(EventId = 412, Level = LogLevel.Information, Message = "Group {Group} {Model} run {Run}/{Runs}: main test AUC {Main:F4}, auxiliary {Aux:F4} in {Seconds:F1} s")]
    private static partial void LogRun(ILogger logger, int group, string model, int run, int runs, double main, double aux, double seconds);

    private sealed record Prepared(CensusGroup Info, FeatureSchema Schema, IReadOnlyList<LabelColumn> Tasks, EncodedSplit Train, EncodedSplit Validation, EncodedSplit Test);
}
