using MmoeService.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// CGC and PLE (Tang et al., "Progressive Layered Extraction", RecSys 2020). CGC is one
/// <see cref="ExtractionLevel"/>: task k's tower sees g^k(x) mixing task k's own experts and the shared experts.
/// PLE stacks <c>levels</c> of them: at level j task k's experts and gate read task k's mixture from level j-1 and
/// the shared experts read the shared gate's mixture, so task-specific and shared knowledge separate progressively.
/// The exported gates are the last level's task gates.
/// </summary>
public sealed class ProgressiveLayeredExtractionNetwork : MultiTaskNetwork
{
    private readonly FeatureEmbedding embedding;
    private readonly ModuleList<ExtractionLevel> levels;
    private readonly ModuleList<Mlp> towers;
    private readonly ModuleList<Linear> heads;

    public ProgressiveLayeredExtractionNetwork(
        FeatureSchema schema,
        int taskCount,
        int specificExperts,
        int sharedExperts,
        int levelCount,
        IReadOnlyList<int> expertLayers,
        IReadOnlyList<int> towerLayers)
        : base(nameof(ProgressiveLayeredExtractionNetwork), levelCount == 1 ? ModelArchitecture.Cgc : ModelArchitecture.Ple, taskCount, specificExperts + sharedExperts)
    {
        ArgumentNullException.ThrowIfNull(expertLayers);
        ArgumentNullException.ThrowIfNull(towerLayers);
        if (levelCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(levelCount), "CGC/PLE needs at least one extraction level.");
        }

        embedding = new FeatureEmbedding(schema);
        var list = new ExtractionLevel[levelCount];
        var width = embedding.OutputSize;
        for (var j = 0; j < levelCount; j++)
        {
            list[j] = new ExtractionLevel($"level{j}", width, taskCount, specificExperts, sharedExperts, expertLayers, hasSharedGate: j < levelCount - 1);
            width = list[j].OutputSize;
        }

        levels = nn.ModuleList(list);
        towers = nn.ModuleList(Enumerable.Range(0, taskCount).Select(k => new Mlp($"tower{k}", width, towerLayers)).ToArray());
        heads = nn.ModuleList(towers.Select(t => nn.Linear(t.OutputSize, 1)).ToArray());
        SpecificExperts = specificExperts;
        SharedExperts = sharedExperts;
        Levels = levelCount;
        RegisterComponents();
    }

    public int SpecificExperts { get; }

    public int SharedExperts { get; }

    public int Levels { get; }

    public override IReadOnlyList<string> ExpertNames => levels[Levels - 1].ExpertNames($"levels.{Levels - 1}");

    public override MultiTaskOutput forward(Tensor numeric, Tensor categorical) => Run(numeric, categorical).Output;

    public override IReadOnlyList<Tensor> ExpertOutputs(Tensor numeric, Tensor categorical) => Run(numeric, categorical).Experts;

    private (MultiTaskOutput Output, IReadOnlyList<Tensor> Experts) Run(Tensor numeric, Tensor categorical)
    {
        var x = embedding.call(numeric, categorical);
        IReadOnlyList<Tensor> taskInputs = Enumerable.Repeat(x, TaskCount).ToArray();
        var sharedInput = x;
        var dropout = training ? GateDropout : 0;
        ExtractionOutput? level = null;
        foreach (var extraction in levels)
        {
            level = extraction.Forward(taskInputs, sharedInput, dropout);
            taskInputs = level.TaskMixtures;
            sharedInput = level.SharedMixture ?? sharedInput;
        }

        var predictions = new Tensor[TaskCount];
        for (var k = 0; k < TaskCount; k++)
        {
            predictions[k] = heads[k].call(towers[k].call(taskInputs[k])).squeeze(1);
        }

        return (new MultiTaskOutput(predictions, level!.TaskGates), level.Experts);
    }
}
