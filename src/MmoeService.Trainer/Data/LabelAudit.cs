using System.Globalization;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// Checks a loaded data set's tasks and labels before any training time is spent, for every source.
/// Errors (<see cref="DatasetException"/>, exit code 2): a reserved task name, which would publish a version
/// the server refuses to load; an empty split; a label that is constant in any split, which teaches nothing
/// (train), leaves early stopping without a signal (validation) or leaves the reported AUC undefined (test).
/// Warnings (<see cref="Scarce"/>): binary tasks with fewer than <see cref="MinimumPositives"/> positives in a split.
/// </summary>
public static class LabelAudit
{
    /// <summary>Below this many positives a split's AUC rests on too few examples to compare models by.</summary>
    public const int MinimumPositives = 20;

    /// <exception cref="DatasetException">The first problem found, naming the file (when known) and the label column.</exception>
    public static void Check(RawDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var task in data.Tasks)
        {
            if (ReservedNames.IsReservedTask(task.Task))
            {
                throw new DatasetException(
                    $"Task name '{task.Task}' is reserved ({ReservedNames.Describe()}): a scored item already has a field of that name. Give the label another task name.",
                    column: task.Source);
            }
        }

        foreach (var (name, split) in Splits(data))
        {
            if (split.Count == 0)
            {
                throw new DatasetException($"The {name} split of {data.Info.Source} has no rows.", split.File);
            }

            for (var t = 0; t < data.Tasks.Count; t++)
            {
                var labels = split.Labels[t];
                var first = labels[0];
                if (Array.TrueForAll(labels, v => v == first))
                {
                    var task = data.Tasks[t];
                    var where = split.File is null ? $" ({data.Info.Source})" : string.Empty;
                    throw new DatasetException(
                        string.Create(CultureInfo.InvariantCulture,
                            $"Label '{task.Source}' (task '{task.Task}') is constant: every {name} row{where} is {first}. A constant label teaches nothing and leaves its metrics undefined; check the file or the split."),
                        split.File, column: task.Source);
                }
            }
        }
    }

    /// <summary>Every split of a binary task with fewer than <see cref="MinimumPositives"/> positives.</summary>
    public static IReadOnlyList<ScarceLabel> Scarce(RawDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scarce = new List<ScarceLabel>();
        foreach (var (name, split) in Splits(data))
        {
            for (var t = 0; t < data.Tasks.Count; t++)
            {
                var task = data.Tasks[t];
                if (task.Kind != TaskKind.Binary)
                {
                    continue;
                }

                var positives = split.Labels[t].Count(v => v > 0.5f);
                if (positives < MinimumPositives)
                {
                    scarce.Add(new ScarceLabel(name, task.Task, task.Source, split.File, positives, split.Count));
                }
            }
        }

        return scarce;
    }

    private static (string Name, RawSplit Split)[] Splits(RawDataset data) =>
        [(RawDataset.TrainSplit, data.Train), (RawDataset.ValidationSplit, data.Validation), (RawDataset.TestSplit, data.Test)];
}
