namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>
/// Every test that touches TorchSharp joins this collection: libtorch's seed and thread count are process
/// globals, so torch tests must not interleave (TorchSharp's own TestTraining does the same).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
