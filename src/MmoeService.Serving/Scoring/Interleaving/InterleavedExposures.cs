using System.Collections;

namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>
/// The exposures of one interleaved request as a view over its <see cref="InterleavedItems"/>: each shown item
/// carries its team and the picking model's predictions in <paramref name="tasks"/> order.
/// </summary>
public sealed class InterleavedExposures(InterleavedItems items, IReadOnlyList<string> tasks) : IReadOnlyList<ShownItem>
{
    public int Count => items.Count;

    public ShownItem this[int index] => new(items.ItemId(index), index + 1, items.Predictions(index, tasks), items.Score(index), items.TeamOf(index));

    public IEnumerator<ShownItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
