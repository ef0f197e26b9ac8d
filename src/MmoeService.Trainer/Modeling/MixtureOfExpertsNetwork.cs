using MmoeService.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// MMoE (Ma et al., KDD 2018): experts f_i share the embedded input x; task k mixes them with its own gate
/// g^k(x) = softmax(W_gk x) and feeds f^k(x) = sum_i g^k(x)_i f_i(x) to its tower h^k.
/// With <c>sharedGate</c> it is OMoE: one gate serves every task.
/// The gate has no bias, exactly the paper's formula.
/// </summary>
public sealed class MixtureOfExpertsNetwork : MultiTaskNetwork
{
    private readonly FeatureEmbedding embedding;
    private readonly ModuleList<Mlp> experts;
    private readonly ModuleList<Linear> gates;
    private readonly ModuleList<Mlp> towers;
    private readonly ModuleList<Linear> heads;

    public MixtureOfExpertsNetwork(
        FeatureSchema schema,
        int taskCount,
        int expertCount,
        IReadOnlyList<int> expertLayers,
        IReadOnlyList<int> towerLayers,
        bool sharedGate)
        : base(nameof(MixtureOfExpertsNetwork), sharedGate ? ModelArchitecture.Omoe : ModelArchitecture.Mmoe, taskCount, expertCount)
    {
        ArgumentNullException.ThrowIfNull(expertLayers);
        ArgumentNullException.ThrowIfNull(towerLayers);
        if (expertCount < 1 || expertLayers.Count == 0)
        {
            throw new ArgumentException("A mixture of experts needs at least one expert with at least one layer.", nameof(expertLayers));
        }

        embedding = new FeatureEmbedding(schema);
        var width = embedding.OutputSize;
        experts = nn.ModuleList(Enumerable.Range(0, expertCount).Select(i => new Mlp($"expert{i}", width, expertLayers)).ToArray());
        var expertWidth = experts[0].OutputSize;
        gates = nn.ModuleList(Enumerable.Range(0, sharedGate ? 1 : taskCount).Select(_ => nn.Linear(width, expertCount, hasBias: false)).ToArray());
        towers = nn.ModuleList(Enumerable.Range(0, taskCount).Select(k => new Mlp($"tower{k}", expertWidth, towerLayers)).ToArray());
        heads = nn.ModuleList(towers.Select(t => nn.Linear(t.OutputSize, 1)).ToArray());
        SharedGate = sharedGate;
        RegisterComponents();
    }

    public bool SharedGate { get; }

    public override IReadOnlyList<string> ExpertNames => [.. Enumerable.Range(0, experts.Count).Select(i => $"experts.{i}")];

    public override IReadOnlyList<Tensor> ExpertOutputs(Tensor numeric, Tensor categorical)
    {
        var x = embedding.call(numeric, categorical);
        return [.. experts.Select(e => e.call(x))];
    }

    public override MultiTaskOutput forward(Tensor numeric, Tensor categorical)
    {
        var x = embedding.call(numeric, categorical);
        // [N, experts, width]: the batched matmul below mixes them per row.
        var expertOutputs = torch.stack(experts.Select(e => e.call(x)).ToArray(), 1);
        var dropout = training ? GateDropout : 0;
        var gateWeights = gates.Select(g => GateWeightDropout.Apply(nn.functional.softmax(g.call(x), 1), dropout)).ToArray();
        var predictions = new Tensor[TaskCount];
        var taskGates = new Tensor[TaskCount];
        for (var k = 0; k < TaskCount; k++)
        {
            var gate = gateWeights[SharedGate ? 0 : k];
            var mixed = gate.unsqueeze(1).bmm(expertOutputs).squeeze(1);
            predictions[k] = heads[k].call(towers[k].call(mixed)).squeeze(1);
            taskGates[k] = gate;
        }

        return new MultiTaskOutput(predictions, taskGates);
    }
}
