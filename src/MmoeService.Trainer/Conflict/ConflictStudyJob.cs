using System.Diagnostics;
using System.Globalization;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Conflict;

/// <summary>
/// The <c>conflict-study</c> command: for every task correlation ρ and seed it builds the conflicting
/// recommendation world, trains every listed model with its fixed recipe on the same data, and records test AUC
/// and log loss per task, the oracle top-k satisfied clicks, gate statistics and expert diversity; then writes
/// results.md and summary.json. Nothing is tuned on test: recipes are fixed, early stopping uses validation.
/// </summary>
public sealed partial class ConflictStudyJob(
    MultiTaskTrainer trainer,
    IAnsiConsole console,
    IOptions<ConflictStudyOptions> studyOptions,
    ILogger<ConflictStudyJob> logger) : ITrainerJob
{
    public const string Truth = "truth";
    public const string Random = "random";

    public void Run(CancellationToken cancellationToken)
    {
        var options = studyOptions.Value;
        var clock = Stopwatch.StartNew();
        var loadBefore = ConflictReport.LoadAverage();
        var runs = new List<ConflictRun>();
        var worlds = new List<WorldFacts>();
        foreach (var rho in options.CorrelationValues())
        {
            for (var i = 0; i < options.Seeds; i++)
            {
                var seed = options.FirstSeed + i;
                var (world, facts, worldRuns) = RunWorld(options, rho, seed, cancellationToken);
                worlds.Add(facts);
                runs.AddRange(worldRuns);
                var scores = string.Join("; ", worldRuns.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Model} {r.Metrics[ConflictMetrics.SatisfiedClicks]:F4}")));
                console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ρ = {rho}, seed {seed} done after {clock.Elapsed:hh\\:mm\\:ss}, satisfied clicks@{options.Top}: {scores}"));
                LogWorld(logger, rho, seed, world.ClickBias, world.SatisfactionBias, clock.Elapsed.TotalSeconds);
            }
        }

        var files = ConflictReport.Write(options, runs, worlds, clock.Elapsed, loadBefore, ConflictReport.LoadAverage());
        console.Profile.Out.Writer.WriteLine($"Wrote {string.Join(", ", files)}");
    }

    /// <summary>Every model (and the references) on one world; all models see the same data.</summary>
    public (RecommendationWorld World, WorldFacts Facts, IReadOnlyList<ConflictRun> Runs) RunWorld(
        ConflictStudyOptions options, double rho, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new SyntheticRecommendationOptions
        {
            Preset = SyntheticRecommendationOptions.ConflictPreset,
            TaskCorrelation = rho,
            ConflictWeight = options.ConflictWeight,
            Impressions = options.Impressions,
            Users = options.Users,
            Items = options.Items,
        };
        var (data, world, impressions) = SyntheticRecommendationSource.GenerateWithWorld(settings, seed);
        var schema = SchemaFitter.Fit(data);
        var encoder = new FeatureEncoder(schema);
        var train = EncodedSplit.Encode(data.Train, data.Features, encoder);
        var validation = EncodedSplit.Encode(data.Validation, data.Features, encoder);
        var test = EncodedSplit.Encode(data.Test, data.Features, encoder);
        var oracle = OracleRanking.Create(world, encoder, seed, options.OracleUsers, options.OracleCandidates, options.Top);

        var testImpressions = impressions.Skip(data.Train.Count + data.Validation.Count).ToArray();
        var trueClick = testImpressions.Select(m => (float)world.ClickProbability(m.User, m.Item, m.Context)).ToArray();
        var trueSatisfied = testImpressions.Select(m => (float)world.SatisfactionProbability(m.User, m.Item, m.Context)).ToArray();
        var trueGivenClick = testImpressions.Select(m => (float)world.SatisfactionGivenClickProbability(m.User, m.Item, m.Context)).ToArray();
        var facts = new WorldFacts(rho, seed, test.Labels[0].Average(), test.Labels[1].Average(),
            Pearson(trueClick, trueGivenClick), Pearson(trueClick, trueSatisfied));

        var runs = new List<ConflictRun>
        {
            Reference(Truth, rho, seed, TestMetrics(test, trueClick, trueSatisfied), oracle.BestSatisfiedClicks(), oracle.BestSatisfiedClicks(), oracle.TruthClicks()),
        };
        var randomMetrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ConflictMetrics.SatisfiedClicks] = oracle.RandomSatisfiedClicks(),
            [ConflictMetrics.SatisfiedClicksBySatisfaction] = oracle.RandomSatisfiedClicks(),
        };
        runs.Add(new ConflictRun(Random, rho, seed, 0, 0, randomMetrics, null, null));

        foreach (var model in options.ModelNames())
        {
            var rates = model is ConflictRecipes.SingleTask or ModelArchitecture.SharedBottom ? [0.0] : options.GateDropoutValues();
            foreach (var rate in rates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $"{model}+gd{rate}") : model;
                var recipe = ConflictRecipes.For(model, seed, options.Epochs, rate);
                runs.Add(model == ConflictRecipes.SingleTask
                    ? TrainSingleTask(key, rho, seed, schema, data, train, validation, test, oracle, recipe, cancellationToken)
                    : TrainMultiTask(key, rho, seed, schema, data, train, validation, test, oracle, recipe, cancellationToken));
            }
        }

        return (world, facts, runs);
    }

    private ConflictRun TrainMultiTask(string key, double rho, int seed, FeatureSchema schema, RawDataset data, EncodedSplit train,
        EncodedSplit validation, EncodedSplit test, OracleRanking oracle, TrainingOptions recipe, CancellationToken cancellationToken)
    {
        using var network = MultiTaskTrainer.CreateNetwork(schema, data.Tasks.Count, recipe);
        var result = trainer.Train(network, train, validation, data.Tasks, recipe, null, cancellationToken);
        var kinds = data.Tasks.Select(t => t.Kind).ToArray();
        var testPredictions = NetworkPredictor.Predict(network, test, kinds);
        var oraclePredictions = NetworkPredictor.Predict(network, oracle.Rows, kinds);
        var validationPredictions = NetworkPredictor.Predict(network, validation, kinds);
        Dictionary<string, GateStatistics>? gates = null;
        if (validationPredictions.Gates is { } weights)
        {
            gates = data.Tasks.Select((t, k) => (t.Task, Stats: GateStatisticsCalculator.Compute(weights[k], validationPredictions.Experts)))
                .ToDictionary(p => p.Task, p => p.Stats, StringComparer.Ordinal);
        }

        var metrics = TestMetrics(test, testPredictions.Outputs[0], testPredictions.Outputs[1]);
        AddOracle(metrics, oracle, oraclePredictions.Outputs[0], oraclePredictions.Outputs[1]);
        return new ConflictRun(key, rho, seed, Parameters(network), result.EpochsRun, metrics, gates, ExpertDiversityCalculator.Compute(network, validation));
    }

    private ConflictRun TrainSingleTask(string key, double rho, int seed, FeatureSchema schema, RawDataset data, EncodedSplit train,
        EncodedSplit validation, EncodedSplit test, OracleRanking oracle, TrainingOptions recipe, CancellationToken cancellationToken)
    {
        var testOutputs = new float[data.Tasks.Count][];
        var oracleOutputs = new float[data.Tasks.Count][];
        long parameters = 0;
        var epochs = 0;
        for (var k = 0; k < data.Tasks.Count; k++)
        {
            var single = recipe.Clone();
            single.Seed = unchecked(recipe.Seed + (k * 7));
            using var network = MultiTaskTrainer.CreateNetwork(schema, 1, single);
            var result = trainer.Train(network, Only(train, k), Only(validation, k), [data.Tasks[k]], single, null, cancellationToken);
            testOutputs[k] = NetworkPredictor.Predict(network, test, [data.Tasks[k].Kind]).Outputs[0];
            oracleOutputs[k] = NetworkPredictor.Predict(network, oracle.Rows, [data.Tasks[k].Kind]).Outputs[0];
            parameters += Parameters(network);
            epochs = Math.Max(epochs, result.EpochsRun);
        }

        var metrics = TestMetrics(test, testOutputs[0], testOutputs[1]);
        AddOracle(metrics, oracle, oracleOutputs[0], oracleOutputs[1]);
        return new ConflictRun(key, rho, seed, parameters, epochs, metrics, null, null);
    }

    private static EncodedSplit Only(EncodedSplit split, int task) => split with { Labels = [split.Labels[task]] };

    private static long Parameters(MultiTaskNetwork network) => network.parameters().Sum(p => p.numel());

    private static Dictionary<string, double> TestMetrics(EncodedSplit test, float[] ctr, float[] satisfaction) => new(StringComparer.Ordinal)
    {
        [ConflictMetrics.CtrAuc] = MetricsCalculator.Auc(ctr, test.Labels[0]),
        [ConflictMetrics.SatisfactionAuc] = MetricsCalculator.Auc(satisfaction, test.Labels[1]),
        [ConflictMetrics.CtrLogLoss] = MetricsCalculator.LogLoss(ctr, test.Labels[0]),
        [ConflictMetrics.SatisfactionLogLoss] = MetricsCalculator.LogLoss(satisfaction, test.Labels[1]),
    };

    private static void AddOracle(Dictionary<string, double> metrics, OracleRanking oracle, float[] ctr, float[] satisfaction)
    {
        var product = OracleRanking.ProductScore(ctr, satisfaction);
        metrics[ConflictMetrics.SatisfiedClicks] = oracle.SatisfiedClicks(product);
        metrics[ConflictMetrics.SatisfiedClicksBySatisfaction] = oracle.SatisfiedClicks(satisfaction);
        metrics[ConflictMetrics.Clicks] = oracle.Clicks(product);
    }

    private static ConflictRun Reference(string key, double rho, int seed, Dictionary<string, double> metrics, double satisfied, double bySatisfaction, double clicks)
    {
        metrics[ConflictMetrics.SatisfiedClicks] = satisfied;
        metrics[ConflictMetrics.SatisfiedClicksBySatisfaction] = bySatisfaction;
        metrics[ConflictMetrics.Clicks] = clicks;
        return new ConflictRun(key, rho, seed, 0, 0, metrics, null, null);
    }

    private static double Pearson(float[] x, float[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Conflict world rho {Correlation}, seed {WorldSeed} (click bias {ClickBias:F3}, satisfaction bias {SatisfactionBias:F3}) done at {Seconds:F0} s")]
    private static partial void LogWorld(ILogger logger, double correlation, int worldSeed, double clickBias, double satisfactionBias, double seconds);
}
