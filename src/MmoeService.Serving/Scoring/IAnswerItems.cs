namespace MmoeService.Serving.Scoring;

/// <summary>
/// The items of a score answer as <see cref="ScoreResponseWriter"/> and the gRPC reply read them: every answer slot
/// is an item of some model's <see cref="RankedItems"/>, written from that model's own arrays (its task names, its
/// score, its gates of its own width), followed by the answer's optional <see cref="Fields"/>. A single-model answer
/// is its own ranking; an interleaved one picks slots from two. Indexing builds a <see cref="ScoredItem"/> (tests,
/// the contract's schema); the writers never do.
/// </summary>
public interface IAnswerItems : IReadOnlyList<ScoredItem>
{
    /// <summary>The ranking that holds the item at answer slot <paramref name="index"/>, and its index there.</summary>
    RankedItems SourceOf(int index, out int sourceIndex);

    /// <summary>Optional per-item fields, written after the gates, values by answer slot; empty for none.</summary>
    IReadOnlyList<ItemField> Fields { get; }

    /// <summary>
    /// Ends the answer: the model outputs it holds in pooled buffers (the gates) go back, and indexing or writing it
    /// afterwards fails. Called once the answer is written; an answer never released is simply collected.
    /// </summary>
    void Release();
}
