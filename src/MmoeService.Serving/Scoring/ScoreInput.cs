using MmoeService.Contracts;
using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// One scoring request as read from its wire (REST JSON, gRPC columns, Open Inference tensors), in columns: the
/// item ids in one <see cref="ItemIdTable"/>, each candidate feature in one pooled <see cref="FeatureColumn"/>, no
/// object per candidate. Nothing is checked beyond the wire's own shape; <see cref="ScoreRequestValidator"/> and the
/// model's vectoriser do the rest. The owner disposes it once the request is scored (the columns go back to the
/// pool; the item ids stay, for the answer and the exposure).
/// </summary>
public sealed class ScoreInput : IDisposable
{
    private readonly List<FeatureColumn> _columns = [];
    private List<int>? _nullCandidates;

    public string? UserId { get; set; }

    public string? RequestId { get; set; }

    /// <summary>Features shared by every candidate; null for none.</summary>
    public FeatureDictionary? Context { get; set; }

    public int? TopK { get; set; }

    public bool IncludeGates { get; set; }

    /// <summary>Candidates in the request (null ones included); 0 when the request has none.</summary>
    public int Count => ItemIds?.Count ?? 0;

    /// <summary>Item ids in request order; null when the request has no candidates array.</summary>
    public ItemIdTable? ItemIds { get; set; }

    /// <summary>One column per feature name any candidate gives, in order of first appearance.</summary>
    public IReadOnlyList<FeatureColumn> Columns => _columns;

    /// <summary>Rows the request gave as JSON null instead of a candidate object.</summary>
    public IReadOnlyList<int> NullCandidates => (IReadOnlyList<int>?)_nullCandidates ?? [];

    /// <summary>The column of <paramref name="name"/>, added on first use; <paramref name="rowsHint"/> sizes a new one.</summary>
    public FeatureColumn Column(string name, int rowsHint)
    {
        ArgumentNullException.ThrowIfNull(name);

        // A request names a handful of features: a scan beats hashing, and names usually come in the same order.
        foreach (var column in _columns)
        {
            if (ReferenceEquals(column.Name, name) || string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        var added = new FeatureColumn(name, rowsHint);
        _columns.Add(added);
        return added;
    }

    public void MarkNullCandidate(int row) => (_nullCandidates ??= []).Add(row);

    public void Dispose()
    {
        foreach (var column in _columns)
        {
            column.Dispose();
        }

        _columns.Clear();
    }
}
