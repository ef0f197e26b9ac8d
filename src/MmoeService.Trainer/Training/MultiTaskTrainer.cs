using System.Diagnostics;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Trains a <see cref="MultiTaskNetwork"/> with Adam on shuffled mini-batches: BCE-with-logits for binary
/// tasks, MSE for regression, summed with per-task loss weights. After every epoch the main (first) task's
/// validation metric decides early stopping (AUC for binary, RMSE for regression) and the best epoch's
/// weights are restored at the end. Deterministic for a given seed and thread count.
/// </summary>
public sealed partial class MultiTaskTrainer(ILogger<MultiTaskTrainer> logger)
{
    /// <summary>
    /// Seeds libtorch and builds the network the options describe. Seeding here, right before the weights
    /// are drawn, makes initialisation depend on the seed alone.
    /// </summary>
    public static MultiTaskNetwork CreateNetwork(FeatureSchema schema, int taskCount, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        torch.manual_seed(options.Seed);
        var network = MultiTaskNetwork.Create(
            options.Architecture,
            schema,
            taskCount,
            options.ExpertsFor(options.Architecture),
            options.ExpertLayerSizes(),
            options.TowerLayerSizes(),
            options.SpecificExperts,
            options.Levels);
        network.GateDropout = ModelArchitecture.HasGates(options.Architecture) ? options.GateDropout : 0;
        return network;
    }

    public TrainingResult Train(
        MultiTaskNetwork network,
        EncodedSplit train,
        EncodedSplit validation,
        IReadOnlyList<LabelColumn> tasks,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        if (tasks.Count != network.TaskCount || train.Labels.Length != tasks.Count)
        {
            throw new ArgumentException($"The network has {network.TaskCount} tasks, the labels {train.Labels.Length}, the task list {tasks.Count}.", nameof(tasks));
        }

        var kinds = tasks.Select(t => t.Kind).ToArray();
        var weights = tasks.Select(t => options.LossWeight(t.Task)).ToArray();
        var shuffle = new Random(options.Seed);
        var steps = (train.Rows + options.BatchSize - 1) / options.BatchSize;
        var history = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        IReadOnlyList<TaskMetrics> bestMetrics = [];
        var trainingTime = TimeSpan.Zero;
        long rowsTrained = 0;

        // Whole-split tensors live for the run; each batch selects its rows inside its own dispose scope.
        using var numeric = tensor(train.Numeric, [train.Rows, train.NumericWidth]);
        using var categorical = tensor(train.Categorical, [train.Rows, train.CategoricalWidth]);
        var labels = train.Labels.Select(l => tensor(l)).ToArray();
        using var optimizer = new OwnedScalarAdam(network.parameters(), options.LearningRate);

        // Owned for the whole run: an implicit Scalar could be finalized while libtorch reads it (see OwnedScalarAdam).
        var weightScalars = weights.Select(w => w.ToScalar()).ToArray();
        try
        {
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                var order = Enumerable.Range(0, train.Rows).Select(i => (long)i).ToArray();
                shuffle.Shuffle(order);
                var stepLosses = new List<double>(steps);
                var lossSum = 0.0;
                network.train();
                var trainClock = Stopwatch.StartNew();
                for (var step = 0; step < steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var start = step * options.BatchSize;
                    var count = Math.Min(options.BatchSize, train.Rows - start);
                    var index = tensor(order.AsSpan(start, count).ToArray());
                    var output = network.call(numeric.index_select(0, index), categorical.index_select(0, index));
                    Tensor? loss = null;
                    for (var k = 0; k < kinds.Length; k++)
                    {
                        var target = labels[k].index_select(0, index);
                        var taskLoss = kinds[k] == TaskKind.Binary
                            ? nn.functional.binary_cross_entropy_with_logits(output.Predictions[k], target)
                            : nn.functional.mse_loss(output.Predictions[k], target);
                        var weighted = taskLoss * weightScalars[k];
                        loss = loss is null ? weighted : loss + weighted;
                    }

                    optimizer.ZeroGrad();
                    loss!.backward();
                    optimizer.Step();
                    var stepLoss = (double)loss.item<float>();
                    stepLosses.Add(stepLoss);
                    lossSum += stepLoss;
                    rowsTrained += count;
                    progress?.Report(new TrainingProgress(epoch, options.Epochs, step + 1, steps, lossSum / stepLosses.Count, null));
                }

                trainingTime += trainClock.Elapsed;
                var predictions = NetworkPredictor.Predict(network, validation, kinds);
                var metrics = kinds.Select((kind, k) => MetricsCalculator.ForTask(kind, predictions.Outputs[k], validation.Labels[k])).ToArray();
                var validationLoss = kinds.Select((kind, k) => weights[k] * (kind == TaskKind.Binary
                    ? MetricsCalculator.LogLoss(predictions.Outputs[k], validation.Labels[k])
                    : MetricsCalculator.MeanSquaredError(predictions.Outputs[k], validation.Labels[k]))).Sum();
                var record = new EpochRecord(epoch, stepLosses, stepLosses.Average(), validationLoss, metrics, epochClock.Elapsed);
                history.Add(record);
                progress?.Report(new TrainingProgress(epoch, options.Epochs, steps, steps, record.TrainLoss, record));

                var score = MetricsCalculator.StoppingScore(kinds[0], metrics[0]);
                LogEpoch(logger, epoch, record.TrainLoss, validationLoss, tasks[0].Task, score);
                if (score > bestScore || best is null)
                {
                    bestScore = double.IsNaN(score) ? double.NegativeInfinity : score;
                    bestEpoch = epoch;
                    bestMetrics = metrics;
                    DisposeAll(best);
                    best = Snapshot(network);
                }
                else if (options.Patience > 0 && epoch - bestEpoch >= options.Patience)
                {
                    LogEarlyStop(logger, epoch, bestEpoch);
                    break;
                }
            }

            network.load_state_dict(best!);
        }
        finally
        {
            DisposeAll(best);
            foreach (var label in labels)
            {
                label.Dispose();
            }

            foreach (var weight in weightScalars)
            {
                weight.Dispose();
            }
        }

        network.eval();
        return new TrainingResult(history, bestEpoch, bestMetrics, rowsTrained, trainingTime);
    }

    private static Dictionary<string, Tensor> Snapshot(MultiTaskNetwork network)
    {
        using var noGrad = no_grad();
        return network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone(), StringComparer.Ordinal);
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        foreach (var t in tensors?.Values ?? Enumerable.Empty<Tensor>())
        {
            t.Dispose();
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Epoch {Epoch}: train loss {TrainLoss:F5}, validation loss {ValidationLoss:F5}, {Task} stopping score {Score:F5}")]
    private static partial void LogEpoch(ILogger logger, int epoch, double trainLoss, double validationLoss, string task, double score);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Early stop after epoch {Epoch}; restoring epoch {BestEpoch}")]
    private static partial void LogEarlyStop(ILogger logger, int epoch, int bestEpoch);
}
