using System.Collections;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The exposures of one scored request as a view over its <see cref="RankedItems"/>: each
/// <see cref="ShownItem"/> is built when the exposure store reads it, off the request path, instead of one
/// object and one array per candidate while the client waits.
/// </summary>
public sealed class RankedExposures(RankedItems items) : IReadOnlyList<ShownItem>
{
    public int Count => items.Count;

    public ShownItem this[int index] => new(items.ItemId(index), index + 1, items.Predictions(index), items.Score(index));

    public IEnumerator<ShownItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
