using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The reproduction's adapter to the Training feature: turns a model shape plus run settings into
/// <see cref="TrainingOptions"/> and trains with the same <see cref="MultiTaskTrainer"/> the <c>train</c>
/// command uses, so the reproduction measures the service's own networks and loop.
/// </summary>
public sealed class RunTrainer(MultiTaskTrainer trainer)
{
    /// <summary>Options of one run; <paramref name="seed"/> draws the initial weights and the batch order.</summary>
    public static TrainingOptions Options(StudyModel model, double learningRate, int epochs, int batchSize, int patience, int seed, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new TrainingOptions
        {
            Architecture = model.IsSingleTask ? ModelArchitecture.SharedBottom : model.Architecture,
            Experts = Math.Max(1, model.Experts),
            ExpertLayers = model.HiddenLayers,
            TowerLayers = model.TowerLayers,
            LearningRate = learningRate,
            Epochs = epochs,
            BatchSize = batchSize,
            Patience = patience,
            Seed = seed,
            Threads = threads,
            Progress = false,
        };
    }

    public TrainedNetwork Train(
        FeatureSchema schema,
        EncodedSplit train,
        EncodedSplit validation,
        IReadOnlyList<LabelColumn> tasks,
        TrainingOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var network = MultiTaskTrainer.CreateNetwork(schema, tasks.Count, options);
        TrainingResult result;
        try
        {
            result = trainer.Train(network, train, validation, tasks, options, progress: null, cancellationToken);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        // The trained network's owner from here on.
        return new TrainedNetwork(network, result);
    }
}
