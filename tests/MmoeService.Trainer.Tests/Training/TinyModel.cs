using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace MmoeService.Trainer.Tests.Training;

/// <summary>A network trained for a few epochs on <see cref="TinyDataset"/>, with everything tests need around it.</summary>
internal sealed class TinyModel : IDisposable
{
    /// <summary>Takes over <paramref name="network"/>: disposing the model disposes it.</summary>
    private TinyModel(MultiTaskNetwork network, RawDataset data, FeatureSchema schema, TrainingOptions options, TrainingResult result)
    {
        Network = network;
        Data = data;
        Schema = schema;
        Options = options;
        Result = result;
    }

    public MultiTaskNetwork Network { get; }

    public RawDataset Data { get; }

    public FeatureSchema Schema { get; }

    public TrainingOptions Options { get; }

    public TrainingResult Result { get; }

    public static TrainingOptions SmallOptions(string architecture, int epochs = 2) => new()
    {
        Architecture = architecture,
        Experts = 3,
        ExpertLayers = "8",
        TowerLayers = "4",
        Epochs = epochs,
        BatchSize = 64,
        LearningRate = 1e-2,
        Patience = 0,
        Seed = 11,
        Threads = 1,
        Progress = false,
    };

    public static TinyModel Train(string architecture, int rows = 600, int epochs = 2, bool regression = false)
    {
        var data = TinyDataset.Create(rows, regression: regression);
        var schema = TinyDataset.FitSchema(data);
        var options = SmallOptions(architecture, epochs);
        var network = MultiTaskTrainer.CreateNetwork(schema, data.Tasks.Count, options);
        TrainingResult result;
        try
        {
            result = new MultiTaskTrainer(NullLogger<MultiTaskTrainer>.Instance).Train(
                network, TinyDataset.Encode(data.Train, schema), TinyDataset.Encode(data.Validation, schema), data.Tasks, options);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return new TinyModel(network, data, schema, options, result);
    }

    /// <summary>The trained network's outputs on encoded rows, as the training job hands them to Export.</summary>
    public SplitPredictions Predict(EncodedSplit split) => NetworkPredictor.Predict(Network, split, Data.Tasks.Select(t => t.Kind).ToArray());

    public void Dispose() => Network.Dispose();
}
