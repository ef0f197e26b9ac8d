using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// An optional string field of every returned item (e.g. the team that placed it), written after the gates and
/// omitted for an item whose value is null. Values are by rank: <c>Values[0]</c> belongs to the best item.
/// </summary>
public sealed class ItemField(string name, IReadOnlyList<string?> values)
{
    public string Name { get; } = name;

    /// <summary>The name, encoded once for the writer.</summary>
    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

    public IReadOnlyList<string?> Values { get; } = values;
}
