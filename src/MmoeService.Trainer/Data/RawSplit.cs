using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// One split before encoding. <see cref="Rows"/>[r][f] is the raw value of feature f (in the dataset's
/// feature order) in row r; <see cref="Labels"/>[t][r] is task t's label of row r (0/1 for binary tasks).
/// </summary>
public sealed class RawSplit
{
    public RawSplit(IReadOnlyList<FeatureValue[]> rows, float[][] labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var task in labels)
        {
            if (task.Length != rows.Count)
            {
                throw new ArgumentException($"Every label column needs {rows.Count} values, one has {task.Length}.", nameof(labels));
            }
        }

        Rows = rows;
        Labels = labels;
    }

    public IReadOnlyList<FeatureValue[]> Rows { get; }

    /// <summary>The file the split was read from, as the user named it; null for generated data.</summary>
    public string? File { get; init; }

    public float[][] Labels { get; }

    public int Count => Rows.Count;
}
