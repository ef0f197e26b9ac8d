using Google.Protobuf;
using MmoeService.Contracts;
using Onnx;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Writes a trained <see cref="Modeling.MultiTaskNetwork"/> as an ONNX graph (TorchSharp has no exporter,
/// dotnet/TorchSharp#1281). A pure function of the state_dict and the manifest: the manifest fixes the
/// architecture, layer counts, features, tasks and output names, the weights fill the initializers.
/// The graph mirrors the TorchSharp forward op for op (Gather for embeddings, Gemm+Relu for layers,
/// MatMul for the gate mixture), which keeps ONNX Runtime within float rounding of TorchSharp.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 17;

    public static byte[] Export(IReadOnlyDictionary<string, Tensor> weights, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(manifest);
        var graph = new OnnxGraphBuilder($"{manifest.Name}_{manifest.Version}", weights);
        var x = Embed(graph, manifest.Features);
        var hyper = manifest.HyperParameters;
        var tasks = manifest.Tasks;

        string[] towerInputs;
        if (ModelArchitecture.HasTaskExperts(manifest.Architecture))
        {
            towerInputs = Extraction(graph, x, manifest);
        }
        else if (ModelArchitecture.HasGates(manifest.Architecture))
        {
            var expertOutputs = new string[hyper.Experts];
            for (var e = 0; e < hyper.Experts; e++)
            {
                var h = Mlp(graph, x, $"experts.{e}", hyper.ExpertLayers.Count);
                expertOutputs[e] = graph.Node("Unsqueeze", [h, graph.Int64Constant("axes_1", [1])]);
            }

            var stacked = graph.Node("Concat", expertOutputs, "experts.stacked", OnnxGraphBuilder.IntAttribute("axis", 1));
            var shared = manifest.Architecture == ModelArchitecture.Omoe;
            var gateValues = new string[shared ? 1 : tasks.Count];
            for (var g = 0; g < gateValues.Length; g++)
            {
                var logits = graph.Linear(x, $"gates.{g}", hasBias: false);
                // MMoE names each softmax after its task's output; OMoE copies its one gate to every task output below.
                gateValues[g] = graph.Node("Softmax", [logits], shared ? "gates.shared" : tasks[g].GateOutput, OnnxGraphBuilder.IntAttribute("axis", -1));
            }

            towerInputs = new string[tasks.Count];
            for (var k = 0; k < tasks.Count; k++)
            {
                var gate = gateValues[shared ? 0 : k];
                if (shared)
                {
                    graph.Node("Identity", [gate], tasks[k].GateOutput);
                }

                var row = graph.Node("Unsqueeze", [gate, graph.Int64Constant("axes_1", [1])]);
                var mixed = graph.Node("MatMul", [row, stacked]);
                towerInputs[k] = graph.Node("Squeeze", [mixed, graph.Int64Constant("axes_1", [1])]);
            }
        }
        else
        {
            var bottom = Mlp(graph, x, "bottom", hyper.ExpertLayers.Count);
            towerInputs = tasks.Select(_ => bottom).ToArray();
        }

        for (var k = 0; k < tasks.Count; k++)
        {
            var hidden = Mlp(graph, towerInputs[k], $"towers.{k}", hyper.TowerLayers.Count);
            var head = graph.Linear(hidden, $"heads.{k}");
            var binary = tasks[k].Kind == TaskKind.Binary;
            var value = graph.Node("Squeeze", [head, graph.Int64Constant("axes_1", [1])], binary ? null : tasks[k].Output);
            if (binary)
            {
                graph.Node("Sigmoid", [value], tasks[k].Output);
            }
        }

        foreach (var output in manifest.Outputs)
        {
            graph.Output(output.Name, TensorProto.Types.DataType.Float, output.Shape.Skip(1).ToArray());
        }

        return graph.ToModel(Opset, "MmoeService.Trainer", $"{manifest.Architecture} model {manifest.Name} version {manifest.Version}").ToByteArray();
    }

    /// <summary>
    /// CGC/PLE levels as <see cref="Modeling.ExtractionLevel"/> runs them: each task gate mixes [own experts, shared
    /// experts]; a lower level's shared gate mixes every expert for the next level's shared experts. The last
    /// level's task gates are the graph's gate outputs. Returns the tower input of each task.
    /// </summary>
    private static string[] Extraction(OnnxGraphBuilder graph, string x, ModelManifest manifest)
    {
        var hyper = manifest.HyperParameters;
        var tasks = manifest.Tasks;
        var levels = manifest.Architecture == ModelArchitecture.Cgc ? 1 : hyper.Levels;
        var specific = hyper.SpecificExperts;
        var taskInputs = tasks.Select(_ => x).ToArray();
        var sharedInput = x;
        for (var j = 0; j < levels; j++)
        {
            var prefix = $"levels.{j}";
            var last = j == levels - 1;
            var shared = Enumerable.Range(0, hyper.Experts)
                .Select(i => Unsqueeze(graph, Mlp(graph, sharedInput, $"{prefix}.sharedExperts.{i}", hyper.ExpertLayers.Count)))
                .ToArray();
            var own = new string[tasks.Count * specific];
            var mixtures = new string[tasks.Count];
            for (var k = 0; k < tasks.Count; k++)
            {
                for (var i = 0; i < specific; i++)
                {
                    var e = (k * specific) + i;
                    own[e] = Unsqueeze(graph, Mlp(graph, taskInputs[k], $"{prefix}.taskExperts.{e}", hyper.ExpertLayers.Count));
                }

                var logits = graph.Linear(taskInputs[k], $"{prefix}.taskGates.{k}", hasBias: false);
                var gate = graph.Node("Softmax", [logits], last ? tasks[k].GateOutput : null, OnnxGraphBuilder.IntAttribute("axis", -1));
                mixtures[k] = Mix(graph, gate, [.. own.AsSpan(k * specific, specific), .. shared]);
            }

            if (!last)
            {
                var logits = graph.Linear(sharedInput, $"{prefix}.sharedGate.0", hasBias: false);
                var gate = graph.Node("Softmax", [logits], null, OnnxGraphBuilder.IntAttribute("axis", -1));
                sharedInput = Mix(graph, gate, [.. own, .. shared]);
            }

            taskInputs = mixtures;
        }

        return taskInputs;
    }

    private static string Unsqueeze(OnnxGraphBuilder graph, string value) =>
        graph.Node("Unsqueeze", [value, graph.Int64Constant("axes_1", [1])]);

    /// <summary>gate [N, E] times the stacked [N, E, width] experts: the per-row weighted sum, [N, width].</summary>
    private static string Mix(OnnxGraphBuilder graph, string gate, string[] unsqueezedExperts)
    {
        var stacked = graph.Node("Concat", unsqueezedExperts, null, OnnxGraphBuilder.IntAttribute("axis", 1));
        var mixed = graph.Node("MatMul", [Unsqueeze(graph, gate), stacked]);
        return graph.Node("Squeeze", [mixed, graph.Int64Constant("axes_1", [1])]);
    }

    private static string Embed(OnnxGraphBuilder graph, FeatureSchema schema)
    {
        var parts = new List<string>();
        if (schema.Numeric.Count > 0)
        {
            parts.Add(graph.Input(FeatureSchema.NumericInput, TensorProto.Types.DataType.Float, schema.Numeric.Count));
        }

        if (schema.Categorical.Count > 0)
        {
            var categorical = graph.Input(FeatureSchema.CategoricalInput, TensorProto.Types.DataType.Int64, schema.Categorical.Count);
            for (var i = 0; i < schema.Categorical.Count; i++)
            {
                var column = graph.Node("Gather", [categorical, graph.Int64Constant($"column_{i}", [i], scalar: true)], null, OnnxGraphBuilder.IntAttribute("axis", 1));
                parts.Add(graph.Node("Gather", [graph.Weight($"embedding.tables.{i}.weight"), column], null, OnnxGraphBuilder.IntAttribute("axis", 0)));
            }
        }

        return parts.Count == 1 ? parts[0] : graph.Node("Concat", [.. parts], "embedded", OnnxGraphBuilder.IntAttribute("axis", 1));
    }

    private static string Mlp(OnnxGraphBuilder graph, string input, string prefix, int layers)
    {
        var x = input;
        for (var i = 0; i < layers; i++)
        {
            x = graph.Node("Relu", [graph.Linear(x, $"{prefix}.layers.{i}")]);
        }

        return x;
    }
}
