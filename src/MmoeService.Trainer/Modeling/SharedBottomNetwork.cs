using MmoeService.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>The classic hard-parameter-sharing baseline: one shared bottom, then a tower and head per task.</summary>
public sealed class SharedBottomNetwork : MultiTaskNetwork
{
    private readonly FeatureEmbedding embedding;
    private readonly Mlp bottom;
    private readonly ModuleList<Mlp> towers;
    private readonly ModuleList<Linear> heads;

    public SharedBottomNetwork(FeatureSchema schema, int taskCount, IReadOnlyList<int> bottomLayers, IReadOnlyList<int> towerLayers)
        : base(nameof(SharedBottomNetwork), ModelArchitecture.SharedBottom, taskCount, experts: 0)
    {
        ArgumentNullException.ThrowIfNull(bottomLayers);
        ArgumentNullException.ThrowIfNull(towerLayers);
        if (bottomLayers.Count == 0)
        {
            throw new ArgumentException("The shared bottom needs at least one layer.", nameof(bottomLayers));
        }

        embedding = new FeatureEmbedding(schema);
        bottom = new Mlp(nameof(bottom), embedding.OutputSize, bottomLayers);
        towers = nn.ModuleList(Enumerable.Range(0, taskCount).Select(k => new Mlp($"tower{k}", bottom.OutputSize, towerLayers)).ToArray());
        heads = nn.ModuleList(towers.Select(t => nn.Linear(t.OutputSize, 1)).ToArray());
        RegisterComponents();
    }

    public override MultiTaskOutput forward(Tensor numeric, Tensor categorical)
    {
        var shared = bottom.call(embedding.call(numeric, categorical));
        var predictions = new Tensor[TaskCount];
        for (var k = 0; k < TaskCount; k++)
        {
            predictions[k] = heads[k].call(towers[k].call(shared)).squeeze(1);
        }

        return new MultiTaskOutput(predictions, null);
    }
}
