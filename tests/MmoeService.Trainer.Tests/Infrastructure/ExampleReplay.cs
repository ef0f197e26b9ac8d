using MmoeService.Trainer.Tests.Export;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>
/// Replays examples.json the way a server must: encode each request's raw features with the manifest's
/// schema, run the ONNX graph, and return the largest difference from the expected outputs.
/// </summary>
internal static class ExampleReplay
{
    public static float MaxError(byte[] onnx, ModelManifest manifest, IReadOnlyList<ScoringExample> examples)
    {
        var encoder = new FeatureEncoder(manifest.Features);
        var worst = 0f;
        foreach (var example in examples)
        {
            var context = example.Request["context"]!.AsObject();
            var candidates = example.Request["candidates"]!.AsArray().Select(c => c!.AsObject()).ToArray();
            var numeric = new float[candidates.Length * encoder.NumericWidth];
            var categorical = new long[candidates.Length * encoder.CategoricalWidth];
            for (var c = 0; c < candidates.Length; c++)
            {
                var features = candidates[c]["features"]!.AsObject();
                encoder.EncodeRow(
                    name => ToValue(features[name] ?? context[name]),
                    numeric.AsSpan(c * encoder.NumericWidth, encoder.NumericWidth),
                    categorical.AsSpan(c * encoder.CategoricalWidth, encoder.CategoricalWidth));
            }

            var split = new EncodedSplit(candidates.Length, numeric, categorical, [], encoder.NumericWidth, encoder.CategoricalWidth);
            var outputs = OnnxParityTests.Run(onnx, split, manifest);
            for (var c = 0; c < candidates.Length; c++)
            {
                var expected = example.Expected[candidates[c]["itemId"]!.GetValue<string>()];
                foreach (var task in manifest.Tasks)
                {
                    worst = Math.Max(worst, Math.Abs(expected[task.Output].GetValue<float>() - outputs[task.Output][c]));
                    if (task.GateOutput is { } gate)
                    {
                        var gates = expected[gate].AsArray().Select(g => g!.GetValue<float>()).ToArray();
                        var width = manifest.GateWidthOf(task);
                        Assert.Equal(width, gates.Length);
                        for (var e = 0; e < gates.Length; e++)
                        {
                            worst = Math.Max(worst, Math.Abs(gates[e] - outputs[gate][c * width + e]));
                        }
                    }
                }
            }
        }

        return worst;
    }

    private static FeatureValue ToValue(JsonNode? node) => node?.GetValueKind() switch
    {
        null => FeatureValue.Missing,
        JsonValueKind.Number => FeatureValue.FromNumber(node.GetValue<double>()),
        _ => FeatureValue.FromText(node.GetValue<string>()),
    };
}
