using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Experiments;

/// <summary>A trained network with its history. Owns the network's native tensors: dispose it when the run's numbers are taken.</summary>
public sealed class TrainedNetwork(MultiTaskNetwork network, TrainingResult result) : IDisposable
{
    public MultiTaskNetwork Network { get; } = network;

    public TrainingResult Result { get; } = result;

    /// <summary>Trainable parameters, embeddings included.</summary>
    public long Parameters { get; } = network.parameters().Sum(p => p.numel());

    public void Dispose() => Network.Dispose();
}
