using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// One CGC level (Tang et al., RecSys 2020, §4.2): per task <c>specific</c> experts, <c>shared</c> experts for all
/// tasks, and per task a softmax gate over [its own experts, then the shared ones]. With <c>sharedGate</c> it is a
/// lower PLE level: one more gate, over every expert of the level, produces the input of the next level's shared
/// experts. Gates have no bias, like the MMoE gates.
/// </summary>
public sealed class ExtractionLevel : nn.Module
{
    // "taskExperts.<k * specific + i>" is expert i of task k; "sharedGate" holds 0 or 1 gate.
    private readonly ModuleList<Mlp> taskExperts;
    private readonly ModuleList<Mlp> sharedExperts;
    private readonly ModuleList<Linear> taskGates;
    private readonly ModuleList<Linear> sharedGate;

    public ExtractionLevel(string name, long inputSize, int taskCount, int specific, int shared, IReadOnlyList<int> expertLayers, bool hasSharedGate)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(expertLayers);
        if (specific < 1 || shared < 1 || expertLayers.Count == 0)
        {
            throw new ArgumentException("An extraction level needs at least one task-specific and one shared expert, each with at least one layer.", nameof(expertLayers));
        }

        taskExperts = nn.ModuleList(Enumerable.Range(0, taskCount * specific).Select(i => new Mlp($"taskExpert{i}", inputSize, expertLayers)).ToArray());
        sharedExperts = nn.ModuleList(Enumerable.Range(0, shared).Select(i => new Mlp($"sharedExpert{i}", inputSize, expertLayers)).ToArray());
        taskGates = nn.ModuleList(Enumerable.Range(0, taskCount).Select(_ => nn.Linear(inputSize, specific + shared, hasBias: false)).ToArray());
        sharedGate = nn.ModuleList(hasSharedGate ? [nn.Linear(inputSize, (taskCount * specific) + shared, hasBias: false)] : Array.Empty<Linear>());
        TaskCount = taskCount;
        Specific = specific;
        Shared = shared;
        OutputSize = sharedExperts[0].OutputSize;
        RegisterComponents();
    }

    public int TaskCount { get; }

    public int Specific { get; }

    public int Shared { get; }

    public bool HasSharedGate => sharedGate.Count > 0;

    /// <summary>Width of every expert's output, which is also the width of every mixture.</summary>
    public long OutputSize { get; }

    /// <summary>Runs the level.</summary>
    /// <param name="taskInputs">Per task the input of its experts and gate (the embedded row at the first level).</param>
    /// <param name="sharedInput">Input of the shared experts and the shared gate.</param>
    /// <param name="gateDropout">Gate dropout rate; callers pass 0 outside training.</param>
    public ExtractionOutput Forward(IReadOnlyList<Tensor> taskInputs, Tensor sharedInput, double gateDropout)
    {
        ArgumentNullException.ThrowIfNull(taskInputs);
        var shared = sharedExperts.Select(e => e.call(sharedInput)).ToArray();
        var specific = new Tensor[TaskCount * Specific];
        var mixtures = new Tensor[TaskCount];
        var gates = new Tensor[TaskCount];
        for (var k = 0; k < TaskCount; k++)
        {
            var own = new Tensor[Specific];
            for (var i = 0; i < Specific; i++)
            {
                own[i] = specific[(k * Specific) + i] = taskExperts[(k * Specific) + i].call(taskInputs[k]);
            }

            var gate = GateWeightDropout.Apply(nn.functional.softmax(taskGates[k].call(taskInputs[k]), 1), gateDropout);
            mixtures[k] = Mix(gate, [.. own, .. shared]);
            gates[k] = gate;
        }

        Tensor? sharedMixture = null;
        if (HasSharedGate)
        {
            var gate = GateWeightDropout.Apply(nn.functional.softmax(sharedGate[0].call(sharedInput), 1), gateDropout);
            sharedMixture = Mix(gate, [.. specific, .. shared]);
        }

        return new ExtractionOutput(mixtures, sharedMixture, gates, [.. specific, .. shared]);
    }

    /// <summary>Expert names in <see cref="ExtractionOutput.Experts"/> order, under this level's weight prefix.</summary>
    public IReadOnlyList<string> ExpertNames(string prefix) =>
    [
        .. Enumerable.Range(0, TaskCount * Specific).Select(i => $"{prefix}.taskExperts.{i}"),
        .. Enumerable.Range(0, Shared).Select(i => $"{prefix}.sharedExperts.{i}"),
    ];

    private static Tensor Mix(Tensor gate, Tensor[] experts) =>
        gate.unsqueeze(1).bmm(torch.stack(experts, 1)).squeeze(1);
}
