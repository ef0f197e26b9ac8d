using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Reproduction;

/// <summary>A trained network with its history. Owns the network's native tensors: dispose it when the run's numbers are taken.</summary>
public sealed class TrainedNetwork : IDisposable
{
    /// <summary>Takes over <paramref name="network"/>: disposing this disposes it.</summary>
    public TrainedNetwork(MultiTaskNetwork network, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        Result = result;
        Parameters = network.parameters().Sum(p => p.numel());
    }

    public MultiTaskNetwork Network { get; }

    public TrainingResult Result { get; }

    /// <summary>Trainable parameters, embeddings included.</summary>
    public long Parameters { get; }

    public void Dispose() => Network.Dispose();
}
