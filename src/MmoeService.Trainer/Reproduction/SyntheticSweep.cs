using System.Diagnostics;
using MmoeService.Contracts;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The synthetic study of Ma et al. §5 trained to convergence: for every p, (1) one batched graph of
/// tuning runs (every learning rate of the grid x <see cref="SyntheticSweepOptions.TuningRuns"/> data seeds,
/// the same seeds for every rate) picks each model's rate on mean best validation loss; (2) one batched
/// graph of R measured runs with fresh seeds trains MMoE, OMoE and Shared-Bottom on the same data per run.
/// Shared-Bottom's width is chosen so its parameter count matches MMoE's (within 2%; both printed).
/// </summary>
public sealed partial class SyntheticSweep(ILogger<SyntheticSweep> logger)
{
    private const int TuningOffset = 500_000;

    /// <summary>Runs the sweep; <c>checkpoint</c> receives the result so far after every correlation, so a long sweep leaves its finished part on disk.</summary>
    public SweepResult Run(SyntheticSweepOptions options, int seed, int threads, CancellationToken cancellationToken, Action<SweepResult>? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var preset = SyntheticPreset.Find(options.Preset) ?? throw new ArgumentException($"Unknown preset '{options.Preset}'.", nameof(options));
        var correlations = ReproductionOptions.ParseNumbers(options.Correlations);
        var rates = ReproductionOptions.ParseNumbers(options.LearningRates);
        var models = Models(options, preset.Dimension);
        foreach (var model in models)
        {
            LogModel(logger, model.Label, model.Shape, model.Parameters);
        }

        var trials = new List<SweepTrial>();
        var runs = new List<SweepRun>();
        var curves = new List<SweepCurve>();
        long graphSteps = 0, rowSteps = 0;
        double trainingSeconds = 0;
        for (var pi = 0; pi < correlations.Length; pi++)
        {
            var p = correlations[pi];

            // (1) Learning-rate search: run j = (rate j / T, tuning seed j % T).
            var tuningSeeds = rates.SelectMany(_ => Enumerable.Range(0, options.TuningRuns).Select(t => SyntheticStudy.DataSeed(seed, pi, TuningOffset + t))).ToArray();
            var tuningRates = rates.SelectMany(r => Enumerable.Repeat(r, options.TuningRuns)).ToArray();
            var tuningSteps = options.TuningSteps > 0 ? options.TuningSteps : options.MaxSteps;
            var tuning = Train(preset, options, p, tuningSeeds, models, models.Select(_ => (IReadOnlyList<double>)tuningRates).ToArray(), tuningSteps, seed + pi, threads, "tuning", cancellationToken);
            (graphSteps, rowSteps, trainingSeconds) = (graphSteps + tuning.Steps, rowSteps + tuning.RowSteps, trainingSeconds + tuning.Seconds);
            var chosen = new double[models.Count];
            for (var m = 0; m < models.Count; m++)
            {
                var outcome = tuning.Models[m];
                for (var j = 0; j < tuningSeeds.Length; j++)
                {
                    trials.Add(new SweepTrial(p, models[m].Key, tuningRates[j], j % options.TuningRuns, outcome.ValidationLoss[j], outcome.BestStep[j]));
                }

                chosen[m] = trials.Where(t => t.P == p && t.Model == models[m].Key).GroupBy(t => t.LearningRate)
                    .OrderBy(g => g.Average(t => t.ValidationLoss)).First().Key;
                LogChosen(logger, models[m].Label, p, chosen[m]);
            }

            // (2) Measured runs.
            var seeds = Enumerable.Range(0, options.Runs).Select(r => SyntheticStudy.DataSeed(seed, pi, r)).ToArray();
            var (measured, data) = TrainKeepingData(preset, options, p, seeds, models, [.. chosen.Select(c => (IReadOnlyList<double>)Enumerable.Repeat(c, seeds.Length).ToArray())], options.MaxSteps, seed + 1000 + pi, threads, cancellationToken);
            (graphSteps, rowSteps, trainingSeconds) = (graphSteps + measured.Steps, rowSteps + measured.RowSteps, trainingSeconds + measured.Seconds);
            for (var m = 0; m < models.Count; m++)
            {
                var o = measured.Models[m];
                for (var r = 0; r < seeds.Length; r++)
                {
                    runs.Add(new SweepRun(p, models[m].Key, r + 1, seeds[r], chosen[m], o.Parameters, o.TrainLoss[r], o.ValidationLoss[r], o.TestLoss[r],
                        o.TestMseFirst[r], o.TestMseSecond[r], o.BestStep[r], o.StoppedStep[r], data.LabelCorrelation[r], data.WeightCosine[r], data.LabelStd[r]));
                }

                curves.Add(new SweepCurve(p, models[m].Key, measured.CurveEvery, [.. o.Curve.Select(w => w.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())]));
                var test = ConfidenceInterval.Of(o.TestLoss);
                var bestStep = o.BestStep.Average();
                LogMeasured(logger, models[m].Label, p, seeds.Length, test.Mean, test.Lower, test.Upper, bestStep);
            }

            LogThroughput(logger, p, measured.Steps, measured.Seconds, measured.Steps / measured.Seconds, measured.RowSteps / measured.Seconds);
            if (pi < correlations.Length - 1)
            {
                checkpoint?.Invoke(new SweepResult(preset, options, [.. correlations.Take(pi + 1).Order()], models, [.. trials], [.. runs], [.. curves], graphSteps, rowSteps, trainingSeconds, clock.Elapsed));
            }
        }

        return new SweepResult(preset, options, [.. correlations.Order()], models, trials, runs, curves, graphSteps, rowSteps, trainingSeconds, clock.Elapsed);
    }

    /// <summary>MMoE and OMoE of the options' shape; Shared-Bottom with the width that matches MMoE's parameter count.</summary>
    public static IReadOnlyList<SweepModel> Models(SyntheticSweepOptions options, int inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        const int tasks = 2;
        var mmoe = BatchedNetwork.Count(ModelArchitecture.Mmoe, inputs, tasks, options.Experts, options.ExpertUnits, options.TowerUnits);
        var width = BatchedNetwork.MatchingBottomWidth(mmoe, inputs, tasks, options.TowerUnits);
        return
        [
            new(ModelArchitecture.Mmoe, "MMoE", options.Experts, options.ExpertUnits, options.TowerUnits, mmoe),
            new(ModelArchitecture.Omoe, "OMoE", options.Experts, options.ExpertUnits, options.TowerUnits,
                BatchedNetwork.Count(ModelArchitecture.Omoe, inputs, tasks, options.Experts, options.ExpertUnits, options.TowerUnits)),
            new(ModelArchitecture.SharedBottom, "Shared-Bottom", 0, width, options.TowerUnits,
                BatchedNetwork.Count(ModelArchitecture.SharedBottom, inputs, tasks, 0, width, options.TowerUnits)),
        ];
    }

    private BatchedOutcome Train(SyntheticPreset preset, SyntheticSweepOptions options, double p, int[] seeds, IReadOnlyList<SweepModel> models,
        IReadOnlyList<IReadOnlyList<double>> rates, int steps, int seed, int threads, string phase, CancellationToken cancellationToken)
    {
        var (outcome, _) = TrainKeepingData(preset, options, p, seeds, models, rates, steps, seed, threads, cancellationToken, phase);
        return outcome;
    }

    private (BatchedOutcome Outcome, DataFacts Data) TrainKeepingData(SyntheticPreset preset, SyntheticSweepOptions options, double p, int[] seeds,
        IReadOnlyList<SweepModel> models, IReadOnlyList<IReadOnlyList<double>> rates, int steps, int seed, int threads, CancellationToken cancellationToken, string phase = "measured")
    {
        using var data = BatchedSyntheticData.Create(preset, p, seeds, options.TrainRows, options.ValidationRows, options.TestRows, options.Standardise);
        using var generator = new Generator((ulong)(uint)SyntheticStudy.InitSeed(seed, 7));
        var networks = models.Select(m => new BatchedNetwork(m.Key, seeds.Length, preset.Dimension, 2, Math.Max(1, m.Experts), m.Units, m.TowerUnits, generator)).ToArray();
        try
        {
            var settings = new BatchedTraining(steps, options.BatchSize, options.EvaluateEvery, options.Patience, options.CurveEvery, seed, threads);
            var outcome = BatchedTrainer.Train(data, [.. models.Select((m, i) => (m.Key, networks[i], rates[i]))], settings,
                (step, state) =>
                {
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        var line = string.Join(", ", state.Select(s =>
                            $"{s.Model} {s.ValidationLoss.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average():F4} ({s.StoppedStep.Count(x => x < 0)} active)"));
                        LogProgress(logger, phase, p, step, line);
                    }
                },
                cancellationToken);
            return (outcome, new DataFacts([.. data.LabelCorrelation], [.. data.WeightCosine], [.. data.LabelStd]));
        }
        finally
        {
            foreach (var network in networks)
            {
                network.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Information, Message = "{Model}: {Shape}, {Parameters} parameters")]
    private static partial void LogModel(ILogger logger, string model, string shape, long parameters);

    [LoggerMessage(EventId = 431, Level = LogLevel.Information, Message = "{Model} at p = {P}: learning rate {Rate} chosen on validation loss")]
    private static partial void LogChosen(ILogger logger, string model, double p, double rate);

    [LoggerMessage(EventId = 432, Level = LogLevel.Information, Message = "{Model} at p = {P}, {Runs} runs: test loss {Mean:F4} [{Lower:F4}, {Upper:F4}], best step {BestStep:F0} on average")]
    private static partial void LogMeasured(ILogger logger, string model, double p, int runs, double mean, double lower, double upper, double bestStep);

    [LoggerMessage(EventId = 433, Level = LogLevel.Information, Message = "p = {P}: {Steps} graph steps in {Seconds:F0} s ({StepsPerSecond:F1} steps/s, {RowsPerSecond:F0} rows/s over all runs and models)")]
    private static partial void LogThroughput(ILogger logger, double p, int steps, double seconds, double stepsPerSecond, double rowsPerSecond);

    [LoggerMessage(EventId = 434, Level = LogLevel.Information, Message = "{Phase} p = {P} step {Step}: mean best validation loss {State}")]
    private static partial void LogProgress(ILogger logger, string phase, double p, int step, string state);

    private sealed record DataFacts(double[] LabelCorrelation, double[] WeightCosine, double[] LabelStd);
}
