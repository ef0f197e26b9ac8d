using MmoeService.Contracts;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// A multi-task ranking network: encoded numeric and categorical inputs in, one prediction per task out.
/// Subclasses own their submodules as private fields, so weight names read like the architecture
/// ("experts.0.layers.0.weight", "gates.1.weight", "towers.0.layers.0.bias", "heads.0.weight").
/// </summary>
public abstract class MultiTaskNetwork : nn.Module<Tensor, Tensor, MultiTaskOutput>
{
    protected MultiTaskNetwork(string name, string architecture, int taskCount, int experts) : base(name)
    {
        if (taskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskCount), "A multi-task network needs at least one task.");
        }

        Architecture = architecture;
        TaskCount = taskCount;
        Experts = experts;
    }

    /// <summary>A <see cref="ModelArchitecture"/> value.</summary>
    public string Architecture { get; }

    public int TaskCount { get; }

    /// <summary>Width of each task's gate (experts it mixes); 0 for Shared-Bottom.</summary>
    public int Experts { get; }

    /// <summary>
    /// Gate dropout rate applied in training mode only (see <see cref="GateWeightDropout"/>); 0, the default, is off.
    /// Ignored by Shared-Bottom.
    /// </summary>
    public double GateDropout { get; set; }

    /// <summary>Weight prefixes of the experts <see cref="ExpertOutputs"/> returns, in the same order; empty for Shared-Bottom.</summary>
    public virtual IReadOnlyList<string> ExpertNames => [];

    /// <summary>Every expert's [N, width] output for the batch (for diversity figures); empty for Shared-Bottom.</summary>
    public virtual IReadOnlyList<Tensor> ExpertOutputs(Tensor numeric, Tensor categorical) => [];

    /// <summary>
    /// Builds the network for <paramref name="architecture"/>. For Shared-Bottom <paramref name="expertLayers"/>
    /// are the hidden sizes of the shared bottom and <paramref name="experts"/> is ignored; for CGC/PLE
    /// <paramref name="experts"/> counts the shared experts of each level, <paramref name="specificExperts"/> those of
    /// each task, and <paramref name="levels"/> the PLE levels (CGC has one).
    /// Call <c>torch.manual_seed</c> first: initial weights come from the global generator.
    /// </summary>
    public static MultiTaskNetwork Create(
        string architecture,
        FeatureSchema schema,
        int taskCount,
        int experts,
        IReadOnlyList<int> expertLayers,
        IReadOnlyList<int> towerLayers,
        int specificExperts = 1,
        int levels = 2) => architecture switch
        {
            ModelArchitecture.Cgc => new ProgressiveLayeredExtractionNetwork(schema, taskCount, specificExperts, experts, 1, expertLayers, towerLayers),
            ModelArchitecture.Ple => new ProgressiveLayeredExtractionNetwork(schema, taskCount, specificExperts, experts, levels, expertLayers, towerLayers),
            ModelArchitecture.Mmoe => new MixtureOfExpertsNetwork(schema, taskCount, experts, expertLayers, towerLayers, sharedGate: false),
            ModelArchitecture.Omoe => new MixtureOfExpertsNetwork(schema, taskCount, experts, expertLayers, towerLayers, sharedGate: true),
            ModelArchitecture.SharedBottom => new SharedBottomNetwork(schema, taskCount, expertLayers, towerLayers),
            _ => throw new ArgumentException($"Unknown architecture '{architecture}'; expected one of {string.Join(", ", ModelArchitecture.All)}.", nameof(architecture)),
        };
}
