using System.Globalization;
using System.Text.Json.Nodes;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Builds examples.json: a few <c>POST /score</c> bodies in raw-feature form made from test rows, with the
/// outputs the trained TorchSharp network gives for exactly those features (through the caller's predict
/// function, so Export does not run networks itself). Context features come from the request's first row and
/// apply to every candidate; item features come from each candidate's own row; rows are encoded by
/// <see cref="FeatureLookup"/>, the rule the server encodes requests by.
/// One request drops a context and an item feature (missing values), one puts an unseen category in,
/// so a server replaying the file proves its encoding matches the trainer's on the edge cases too.
/// </summary>
public static class ScoringExampleBuilder
{
    public const string UnseenPrefix = "unseen-";

    /// <param name="predict">Runs the trained network over encoded rows, as the ONNX graph would (sigmoid on binary heads).</param>
    /// <param name="data">The data set; requests are made from its test split.</param>
    /// <param name="encoder">The encoder of the fitted schema.</param>
    /// <param name="tasks">The manifest's task heads, which name the expected outputs.</param>
    /// <param name="requests">Requests to build (fewer when the test split is small).</param>
    /// <param name="candidatesPerRequest">Candidates per request.</param>
    public static IReadOnlyList<ScoringExample> Build(
        Func<EncodedSplit, SplitPredictions> predict,
        RawDataset data,
        FeatureEncoder encoder,
        IReadOnlyList<TaskHead> tasks,
        int requests = 4,
        int candidatesPerRequest = 3)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tasks);
        var rows = data.Test.Rows;
        requests = Math.Min(requests, rows.Count / candidatesPerRequest);
        var features = data.Features;
        var examples = new List<ScoringExample>(requests);
        for (var r = 0; r < requests; r++)
        {
            var first = r * candidatesPerRequest;
            var context = new Dictionary<string, FeatureValue>(StringComparer.Ordinal);
            for (var f = 0; f < features.Count; f++)
            {
                if (features[f].Scope == FeatureScope.Context && !rows[first][f].IsMissing)
                {
                    context[features[f].Name] = rows[first][f];
                }
            }

            var candidates = new List<(string ItemId, Dictionary<string, FeatureValue> Features)>();
            for (var c = 0; c < candidatesPerRequest; c++)
            {
                var row = rows[first + c];
                var item = new Dictionary<string, FeatureValue>(StringComparer.Ordinal);
                for (var f = 0; f < features.Count; f++)
                {
                    if (features[f].Scope == FeatureScope.Item && !row[f].IsMissing)
                    {
                        item[features[f].Name] = row[f];
                    }
                }

                candidates.Add(($"item-{first + c}", item));
            }

            switch (r % 4)
            {
                case 1:
                    // Missing values: leave out one context feature and one feature of the first candidate.
                    RemoveFirst(context, features, FeatureScope.Context);
                    RemoveFirst(candidates[0].Features, features, FeatureScope.Item);
                    break;
                case 2:
                    // An unseen category: a value no vocabulary holds (hashed features just hash it).
                    var target = features.FirstOrDefault(f => f.Kind != FeatureKind.Numeric && f.Scope == FeatureScope.Item);
                    if (target is not null)
                    {
                        candidates[0].Features[target.Name] = FeatureValue.FromText($"{UnseenPrefix}{target.Name}");
                    }
                    else if (features.FirstOrDefault(f => f.Kind != FeatureKind.Numeric) is { } contextual)
                    {
                        context[contextual.Name] = FeatureValue.FromText($"{UnseenPrefix}{contextual.Name}");
                    }

                    break;
            }

            examples.Add(new ScoringExample(
                Request(first, context, candidates),
                Expected(predict, encoder, tasks, context, candidates)));
        }

        return examples;
    }

    private static void RemoveFirst(Dictionary<string, FeatureValue> values, IReadOnlyList<FeatureColumn> features, FeatureScope scope)
    {
        if (features.FirstOrDefault(f => f.Scope == scope && values.ContainsKey(f.Name)) is { } feature)
        {
            values.Remove(feature.Name);
        }
    }

    private static JsonObject Request(int row, Dictionary<string, FeatureValue> context, List<(string ItemId, Dictionary<string, FeatureValue> Features)> candidates) => new()
    {
        ["userId"] = $"user-{row.ToString(CultureInfo.InvariantCulture)}",
        ["context"] = ToJson(context),
        ["candidates"] = new JsonArray(candidates
            .Select(c => (JsonNode)new JsonObject { ["itemId"] = c.ItemId, ["features"] = ToJson(c.Features) })
            .ToArray()),
        ["includeGates"] = true,
    };

    private static JsonObject ToJson(Dictionary<string, FeatureValue> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values)
        {
            json[name] = value.Number is { } number ? JsonValue.Create(number) : JsonValue.Create(value.Text);
        }

        return json;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, JsonNode>> Expected(
        Func<EncodedSplit, SplitPredictions> predict,
        FeatureEncoder encoder,
        IReadOnlyList<TaskHead> tasks,
        Dictionary<string, FeatureValue> context,
        List<(string ItemId, Dictionary<string, FeatureValue> Features)> candidates)
    {
        var count = candidates.Count;
        var numeric = new float[count * encoder.NumericWidth];
        var categorical = new long[count * encoder.CategoricalWidth];
        for (var c = 0; c < count; c++)
        {
            var item = candidates[c].Features;
            encoder.EncodeRow(
                name => FeatureLookup.Resolve(item, context, name),
                numeric.AsSpan(c * encoder.NumericWidth, encoder.NumericWidth),
                categorical.AsSpan(c * encoder.CategoricalWidth, encoder.CategoricalWidth));
        }

        var split = new EncodedSplit(count, numeric, categorical, [], encoder.NumericWidth, encoder.CategoricalWidth);
        var predictions = predict(split);
        var expected = new Dictionary<string, IReadOnlyDictionary<string, JsonNode>>(StringComparer.Ordinal);
        for (var c = 0; c < count; c++)
        {
            var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            for (var k = 0; k < tasks.Count; k++)
            {
                outputs[tasks[k].Output] = JsonValue.Create(predictions.Outputs[k][c]);
                if (tasks[k].GateOutput is { } gate && predictions.Gates is not null)
                {
                    var weights = predictions.Gates[k].AsSpan(c * predictions.Experts, predictions.Experts).ToArray();
                    outputs[gate] = new JsonArray(weights.Select(w => (JsonNode)JsonValue.Create(w)).ToArray());
                }
            }

            expected[candidates[c].ItemId] = outputs;
        }

        return expected;
    }
}
