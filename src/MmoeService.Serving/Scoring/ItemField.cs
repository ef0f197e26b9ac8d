using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// A string field that every item of some answers carries and others do not (the <c>team</c> of an interleaved
/// answer's items), written after the gates. Values are by answer slot: <c>Values[0]</c> belongs to the first item.
/// </summary>
public sealed class ItemField(string name, IReadOnlyList<string> values)
{
    public string Name { get; } = name;

    /// <summary>The name, encoded once for the writer.</summary>
    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

    public IReadOnlyList<string> Values { get; } = values;
}
