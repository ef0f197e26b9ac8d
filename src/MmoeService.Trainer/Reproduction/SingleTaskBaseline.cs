using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The single-task baseline of the census study: one separate network per task, each a hidden ReLU layer
/// (the candidate's bottom width) and a tower, trained on its own label only with the same loop, epochs and
/// early stopping (on its own task's validation AUC). Both networks use the configuration the search chose
/// on the main task. Its "parameters" are the two networks together.
/// </summary>
public static class SingleTaskBaseline
{
    /// <summary>The model entry the census tables and charts use for the baseline.</summary>
    public static StudyModel Model { get; } = new(StudyModel.SingleTaskKey, "Single-task", ModelArchitecture.SharedBottom, 0, "64", "8");

    /// <summary>Trains one network per task; element k predicts task k alone.</summary>
    public static IReadOnlyList<TrainedNetwork> Train(
        RunTrainer trainer,
        FeatureSchema schema,
        EncodedSplit train,
        EncodedSplit validation,
        IReadOnlyList<LabelColumn> tasks,
        TrainingOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        var networks = new List<TrainedNetwork>(tasks.Count);
        try
        {
            for (var k = 0; k < tasks.Count; k++)
            {
                var single = options.Clone();
                single.Seed = unchecked(options.Seed + (k * 7));
                networks.Add(trainer.Train(schema, Task(train, k), Task(validation, k), [tasks[k]], single, cancellationToken));
            }
        }
        catch
        {
            networks.ForEach(n => n.Dispose());
            throw;
        }

        return networks;
    }

    /// <summary>The split with only task <paramref name="k"/>'s labels (inputs shared, not copied).</summary>
    public static EncodedSplit Task(EncodedSplit split, int k)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split with { Labels = [split.Labels[k]] };
    }
}
