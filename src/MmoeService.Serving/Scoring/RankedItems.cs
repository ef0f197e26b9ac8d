using System.Collections;
using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The ranked answer of one request, kept as the model's output arrays plus the ranking (row order and scores)
/// instead of one <see cref="ScoredItem"/> per candidate: <see cref="ScoreResponseWriter"/> writes the JSON answer
/// straight from the arrays, and a <see cref="ScoredItem"/> is built only when someone indexes the list (tests).
/// A single-model answer is its own ranking; an interleaved answer picks its slots from two. Immutable once built.
/// </summary>
public sealed class RankedItems : IAnswerItems
{
    private readonly ItemIdTable _itemIds;
    private readonly InferenceResult _result;
    private readonly IReadOnlyList<float[]>? _gates;
    private readonly int[] _order;
    private readonly double[] _scores;

    /// <param name="itemIds">Item ids in row order.</param>
    /// <param name="plan">Task names and exponents of the model version.</param>
    /// <param name="result">Model outputs.</param>
    /// <param name="includeGates">Whether the answer carries the per-candidate gates (the caller asked for them).</param>
    /// <param name="order">Rows best first; the first <paramref name="count"/> are the answer.</param>
    /// <param name="scores">Combined score per row (always finite: <see cref="ScoreCombiner"/> refuses rows that are not).</param>
    /// <param name="count">Items kept (topK).</param>
    public RankedItems(ItemIdTable itemIds, ScoringPlan plan, InferenceResult result, bool includeGates, int[] order, double[] scores, int count)
    {
        ArgumentNullException.ThrowIfNull(result);
        _gates = includeGates ? result.Gates : null;
        _itemIds = itemIds;
        Plan = plan;
        _result = result;
        _order = order;
        _scores = scores;
        Count = count;
    }

    public int Count { get; }

    public ScoredItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var row = _order[index];
            var names = TaskNames;
            var tasks = new KeyValuePair<string, float>[names.Count];
            for (var t = 0; t < tasks.Length; t++)
            {
                tasks[t] = new(names[t], _result.Tasks[t][row]);
            }

            Dictionary<string, float[]>? gates = null;
            if (_gates is not null)
            {
                gates = new Dictionary<string, float[]>(names.Count, StringComparer.Ordinal);
                for (var t = 0; t < names.Count; t++)
                {
                    gates[names[t]] = Gates(t, row).ToArray();
                }
            }

            return new ScoredItem(_itemIds.Get(row), tasks, _scores[row], gates);
        }
    }

    /// <summary>Task names and exponents of the version that scored the items.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Task names in output order.</summary>
    public IReadOnlyList<string> TaskNames => Plan.TaskNames;

    /// <summary>The model's outputs, in request (row) order.</summary>
    public InferenceResult Result => _result;

    /// <summary>True when the answer carries the gates (the caller asked and the model has them).</summary>
    public bool IncludesGates => _gates is not null;

    /// <summary>A single model's answer has no optional fields.</summary>
    public IReadOnlyList<ItemField> Fields => [];

    /// <summary>Gives the model's pooled gate arrays back once the answer is written; the gates are unreadable afterwards.</summary>
    public void Release() => _result.ReleaseGates();

    public RankedItems SourceOf(int index, out int sourceIndex)
    {
        sourceIndex = index;
        return this;
    }

    /// <summary>The request row (candidate position) of the item at <paramref name="index"/>.</summary>
    public int Row(int index) => _order[index];

    /// <summary>Item id of the item at <paramref name="index"/> (rank - 1), as a new string.</summary>
    public string ItemId(int index) => _itemIds.Get(_order[index]);

    /// <summary>Item id of the item at <paramref name="index"/> as UTF-8.</summary>
    public ReadOnlySpan<byte> ItemIdUtf8(int index) => _itemIds.Utf8(_order[index]);

    /// <summary>Score of the item at <paramref name="index"/>.</summary>
    public double Score(int index) => _scores[_order[index]];

    /// <summary>Output of task <paramref name="task"/> for the item at <paramref name="index"/>.</summary>
    public float Output(int index, int task) => _result.Tasks[task][_order[index]];

    /// <summary>Gate weights of task <paramref name="task"/> for the item at <paramref name="index"/>; empty without gates.</summary>
    public ReadOnlySpan<float> GateWeights(int index, int task) => _gates is null ? default : Gates(task, _order[index]);

    /// <summary>Task outputs of the item at <paramref name="index"/>, in task order.</summary>
    public float[] Predictions(int index)
    {
        var row = _order[index];
        var predictions = new float[TaskNames.Count];
        for (var t = 0; t < predictions.Length; t++)
        {
            predictions[t] = _result.Tasks[t][row];
        }

        return predictions;
    }

    public IEnumerator<ScoredItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A task's gate width comes from its own output: gates of different tasks may span different experts.
    private ReadOnlySpan<float> Gates(int task, int row)
    {
        ObjectDisposedException.ThrowIf(_result.GatesReleased, this);
        var weights = _gates![task];
        var experts = weights.Length / _result.Rows;
        return weights.AsSpan(row * experts, experts);
    }
}
