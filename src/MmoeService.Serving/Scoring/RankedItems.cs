using System.Collections;
using System.Text.Json;
using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The ranked answer of one request, kept as the model's output arrays plus the ranking (row order and scores)
/// instead of one <see cref="ScoredItem"/> per candidate: the JSON answer is written straight from the arrays
/// (<see cref="WriteTo"/>), and a <see cref="ScoredItem"/> is built only when someone indexes the list (tests,
/// the exposure store). Immutable once built.
/// </summary>
public sealed class RankedItems : IReadOnlyList<ScoredItem>
{
    private readonly IReadOnlyList<string> _itemIds;
    private readonly IReadOnlyList<string> _taskNames;
    private readonly InferenceResult _result;
    private readonly IReadOnlyList<float[]>? _gates;
    private readonly int[] _order;
    private readonly double[] _scores;

    /// <param name="itemIds">Item ids in row order.</param>
    /// <param name="taskNames">Task names in output order.</param>
    /// <param name="result">Model outputs.</param>
    /// <param name="includeGates">Whether the answer carries the per-candidate gates (the caller asked for them).</param>
    /// <param name="order">Rows best first; the first <paramref name="count"/> are the answer.</param>
    /// <param name="scores">Combined score per row (always finite: <see cref="ScoreCombiner"/> refuses rows that are not).</param>
    /// <param name="count">Items kept (topK).</param>
    public RankedItems(IReadOnlyList<string> itemIds, IReadOnlyList<string> taskNames, InferenceResult result, bool includeGates, int[] order, double[] scores, int count)
    {
        _gates = includeGates ? result.Gates : null;
        _itemIds = itemIds;
        _taskNames = taskNames;
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
            var tasks = new KeyValuePair<string, float>[_taskNames.Count];
            for (var t = 0; t < tasks.Length; t++)
            {
                tasks[t] = new(_taskNames[t], _result.Tasks[t][row]);
            }

            Dictionary<string, float[]>? gates = null;
            if (_gates is { } gateOutputs)
            {
                gates = new Dictionary<string, float[]>(_taskNames.Count, StringComparer.Ordinal);
                for (var t = 0; t < _taskNames.Count; t++)
                {
                    var experts = gateOutputs[t].Length / _result.Rows;
                    gates[_taskNames[t]] = gateOutputs[t].AsSpan(row * experts, experts).ToArray();
                }
            }

            return new ScoredItem(_itemIds[row], tasks, _scores[row], gates);
        }
    }

    /// <summary>Task names in output order.</summary>
    public IReadOnlyList<string> TaskNames => _taskNames;

    /// <summary>The model's outputs, in request (row) order.</summary>
    public InferenceResult Result => _result;

    /// <summary>True when the answer carries the gates (the caller asked and the model has them).</summary>
    public bool IncludesGates => _gates is not null;

    /// <summary>The request row (candidate position) of the item at <paramref name="index"/>.</summary>
    public int Row(int index) => _order[index];

    /// <summary>Item id of the item at <paramref name="index"/> (rank - 1).</summary>
    public string ItemId(int index) => _itemIds[_order[index]];

    /// <summary>Score of the item at <paramref name="index"/>.</summary>
    public double Score(int index) => _scores[_order[index]];

    /// <summary>Task outputs of the item at <paramref name="index"/>, in task order.</summary>
    public float[] Predictions(int index)
    {
        var row = _order[index];
        var predictions = new float[_taskNames.Count];
        for (var t = 0; t < predictions.Length; t++)
        {
            predictions[t] = _result.Tasks[t][row];
        }

        return predictions;
    }

    /// <summary>Writes the items as <see cref="ScoredItemJsonConverter"/> would, without building them.</summary>
    /// <param name="writer">The answer's writer.</param>
    /// <param name="significantDigits">Digits per number (<see cref="JsonFloats"/>); 0 for shortest round-trip.</param>
    public void WriteTo(Utf8JsonWriter writer, int significantDigits = JsonFloats.RoundTrip)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var names = TaskNameCache.Get(_taskNames);

        var tasks = _result.Tasks;
        var gates = _gates;
        writer.WriteStartArray();
        for (var i = 0; i < Count; i++)
        {
            var row = _order[i];
            writer.WriteStartObject();
            writer.WriteString(ScoredItemJsonConverter.ItemIdName, _itemIds[row]);
            for (var t = 0; t < names.Length; t++)
            {
                writer.WritePropertyName(names[t]);
                JsonFloats.Write(writer, tasks[t][row], significantDigits);
            }

            writer.WritePropertyName(ScoredItemJsonConverter.ScoreName);
            JsonFloats.Write(writer, _scores[row], significantDigits);
            writer.WritePropertyName(ScoredItemJsonConverter.GatesName);
            if (gates is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartObject();
                for (var t = 0; t < names.Length; t++)
                {
                    writer.WriteStartArray(names[t]);
                    var experts = gates[t].Length / _result.Rows;
                    foreach (var weight in gates[t].AsSpan(row * experts, experts))
                    {
                        JsonFloats.Write(writer, weight, significantDigits);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public IEnumerator<ScoredItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The encoded task names of the last task list seen: a model version's task list is one array for its life, so
    /// requests after the first reuse the encoding instead of encoding every name per request.
    /// </summary>
    private static class TaskNameCache
    {
        private static Entry? _last;

        public static JsonEncodedText[] Get(IReadOnlyList<string> tasks)
        {
            // One reference read and one write: a racing request at worst encodes the names once more.
            if (_last is { } last && ReferenceEquals(last.Tasks, tasks))
            {
                return last.Names;
            }

            var names = new JsonEncodedText[tasks.Count];
            for (var t = 0; t < names.Length; t++)
            {
                names[t] = JsonEncodedText.Encode(tasks[t]);
            }

            _last = new Entry(tasks, names);
            return names;
        }

        private sealed record Entry(IReadOnlyList<string> Tasks, JsonEncodedText[] Names);
    }
}
