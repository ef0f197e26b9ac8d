using System.Text.Json.Nodes;

namespace MmoeService.Contracts;

/// <summary>
/// One entry of <c>examples.json</c>: a <c>POST /score</c> body in raw-feature form and, per item id, the
/// outputs the trained TorchSharp model gave (<c>"&lt;task&gt;": value</c> and <c>"gates_&lt;task&gt;": [..]</c>).
/// A server replays these to prove it encodes features exactly like the trainer.
/// </summary>
/// <param name="Request">The request body.</param>
/// <param name="Expected">Item id to output name to value (a number, or an array of numbers for gates).</param>
public sealed record ScoringExample(JsonObject Request, IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonNode>> Expected);
