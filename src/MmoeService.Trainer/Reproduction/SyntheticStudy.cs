using System.Diagnostics;
using System.Globalization;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The synthetic study of Ma et al. §5.1–5.4: for every correlation p, first choose each model's Adam
/// learning rate on validation loss (tuning runs with their own seeds), then train every model R times,
/// each run on freshly generated data with a fresh initialisation. Within run r the three models see the
/// same data (a paired comparison); initialisation seeds differ per model.
/// </summary>
public sealed partial class SyntheticStudy(RunTrainer trainer, ILogger<SyntheticStudy> logger)
{
    // Tuning data seeds sit far from run seeds so no tuning run is ever reused as a measured run.
    private const int TuningOffset = 500_000;

    public SyntheticStudyResult Run(SyntheticStudyOptions options, PaperSyntheticOptions data, int seed, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var correlations = ReproductionOptions.ParseNumbers(options.Correlations);
        var learningRates = ReproductionOptions.ParseNumbers(options.LearningRates);
        var models = StudyModel.Synthetic;
        var trials = new List<LearningRateTrial>();
        var runs = new List<SyntheticRun>();
        for (var pi = 0; pi < correlations.Length; pi++)
        {
            var p = correlations[pi];
            for (var t = 0; t < options.TuningRuns; t++)
            {
                var run = Prepare(options, data, p, DataSeed(seed, pi, TuningOffset + t));
                foreach (var learningRate in learningRates)
                {
                    for (var m = 0; m < models.Count; m++)
                    {
                        var measured = TrainOne(run, models[m], options, learningRate, InitSeed(run.Seed, m), threads, cancellationToken);
                        trials.Add(new LearningRateTrial(p, models[m].Key, learningRate, t, measured.ValidationLoss));
                    }
                }
            }

            var chosen = models.Select(m => ChosenLearningRate(trials, m.Key, p)).ToArray();
            for (var m = 0; m < models.Count; m++)
            {
                LogChosen(logger, models[m].Label, p, chosen[m]);
            }

            for (var r = 0; r < options.Runs; r++)
            {
                var run = Prepare(options, data, p, DataSeed(seed, pi, r));
                for (var m = 0; m < models.Count; m++)
                {
                    var measured = TrainOne(run, models[m], options, chosen[m], InitSeed(run.Seed, m), threads, cancellationToken) with { Run = r + 1 };
                    runs.Add(measured);
                    LogRun(logger, models[m].Label, p, r + 1, options.Runs, measured.FinalTrainLoss, measured.TestLoss, measured.Seconds);
                }
            }
        }

        var scale = string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} runs per (model, p) after {options.TuningRuns} tuning run(s) per learning rate; {options.TrainRows:N0}/{options.ValidationRows:N0}/{options.TestRows:N0} train/validation/test rows; " +
            $"{options.Epochs} epochs of batch {options.BatchSize} ({options.Epochs * StepsPerEpoch(options)} steps); d = {data.Dimension}, c = {data.Scale}, m = {data.SinTerms} sine terms, noise std {data.NoiseStd}");
        return new SyntheticStudyResult(models, correlations, trials, runs, scale, clock.Elapsed);
    }

    public static int StepsPerEpoch(SyntheticStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.TrainRows + options.BatchSize - 1) / options.BatchSize;
    }

    /// <summary>Seed of the data of run <paramref name="run"/> at correlation index <paramref name="correlation"/>: distinct for every (p, run).</summary>
    public static int DataSeed(int seed, int correlation, int run) => unchecked((seed * 7919) + (correlation * 1_000_003) + run);

    public static int InitSeed(int dataSeed, int model) => unchecked((dataSeed * 31) + model + 1);

    private static double ChosenLearningRate(List<LearningRateTrial> trials, string model, double p) =>
        new SyntheticStudyResult([], [], trials, [], string.Empty, TimeSpan.Zero).ChosenLearningRate(model, p);

    private static PreparedRun Prepare(SyntheticStudyOptions options, PaperSyntheticOptions data, double correlation, int seed)
    {
        var settings = new PaperSyntheticOptions
        {
            Dimension = data.Dimension,
            Correlation = correlation,
            Scale = data.Scale,
            SinTerms = data.SinTerms,
            Alphas = data.Alphas,
            Betas = data.Betas,
            NoiseStd = data.NoiseStd,
            TrainRows = options.TrainRows,
            ValidationRows = options.ValidationRows,
            TestRows = options.TestRows,
        };
        var generator = new PaperSyntheticGenerator(settings, seed);
        var raw = generator.Generate();
        var schema = SchemaFitter.Fit(raw);
        var encoder = new FeatureEncoder(schema);
        return new PreparedRun(
            seed,
            correlation,
            schema,
            raw.Tasks,
            EncodedSplit.Encode(raw.Train, raw.Features, encoder),
            EncodedSplit.Encode(raw.Validation, raw.Features, encoder),
            EncodedSplit.Encode(raw.Test, raw.Features, encoder),
            SampleSummary.Pearson(raw.Train.Labels[0], raw.Train.Labels[1]),
            generator.Cosine());
    }

    private SyntheticRun TrainOne(PreparedRun run, StudyModel model, SyntheticStudyOptions options, double learningRate, int initSeed, int threads, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();

        // Patience 0: every run trains for the same number of steps, so the loss curves line up.
        var training = RunTrainer.Options(model, learningRate, options.Epochs, options.BatchSize, patience: 0, initSeed, threads);
        using var trained = trainer.Train(run.Schema, run.Train, run.Validation, run.Tasks, training, cancellationToken);
        var kinds = run.Tasks.Select(t => t.Kind).ToArray();
        var test = NetworkPredictor.Predict(trained.Network, run.Test, kinds);
        var first = MetricsCalculator.MeanSquaredError(test.Outputs[0], run.Test.Labels[0]);
        var second = MetricsCalculator.MeanSquaredError(test.Outputs[1], run.Test.Labels[1]);
        var history = trained.Result.History;
        return new SyntheticRun(
            run.Correlation,
            model.Key,
            0,
            run.Seed,
            initSeed,
            learningRate,
            trained.Parameters,
            trained.Result.StepLosses.ToArray(),
            history[^1].TrainLoss,
            history.Min(e => e.ValidationLoss),
            first + second,
            first,
            second,
            trained.Result.BestEpoch,
            run.LabelCorrelation,
            run.WeightCosine,
            clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "{Model} at p = {Correlation}: learning rate {LearningRate} chosen on validation loss")]
    private static partial void LogChosen(ILogger logger, string model, double correlation, double learningRate);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "{Model} at p = {Correlation}, run {Run}/{Runs}: final training loss {TrainLoss:F4}, test loss {TestLoss:F4} in {Seconds:F1} s")]
    private static partial void LogRun(ILogger logger, string model, double correlation, int run, int runs, double trainLoss, double testLoss, double seconds);

    /// <summary>One generated and encoded data set shared by the models of a run.</summary>
    private sealed record PreparedRun(
        int Seed,
        double Correlation,
        FeatureSchema Schema,
        IReadOnlyList<LabelColumn> Tasks,
        EncodedSplit Train,
        EncodedSplit Validation,
        EncodedSplit Test,
        double LabelCorrelation,
        double WeightCosine);
}
