using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Training;

/// <summary>Runs a network over a whole encoded split in eval mode, batch by batch, into plain arrays.</summary>
public static class NetworkPredictor
{
    private const int BatchSize = 4096;

    /// <param name="network">The network; left in eval mode.</param>
    /// <param name="split">Encoded rows.</param>
    /// <param name="taskKinds">Per task a <see cref="TaskKind"/>: binary outputs get the sigmoid the export applies.</param>
    public static SplitPredictions Predict(MultiTaskNetwork network, EncodedSplit split, IReadOnlyList<string> taskKinds)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(taskKinds);
        var tasks = network.TaskCount;
        var outputs = Enumerable.Range(0, tasks).Select(_ => new float[split.Rows]).ToArray();
        var gates = network.Experts > 0 ? Enumerable.Range(0, tasks).Select(_ => new float[split.Rows * network.Experts]).ToArray() : null;
        network.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < split.Rows; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(BatchSize, split.Rows - start);
            var numeric = tensor(split.Numeric.AsSpan(start * split.NumericWidth, rows * split.NumericWidth).ToArray(), [rows, split.NumericWidth]);
            var categorical = tensor(split.Categorical.AsSpan(start * split.CategoricalWidth, rows * split.CategoricalWidth).ToArray(), [rows, split.CategoricalWidth]);
            var output = network.call(numeric, categorical);
            for (var k = 0; k < tasks; k++)
            {
                var prediction = taskKinds[k] == TaskKind.Binary ? output.Predictions[k].sigmoid() : output.Predictions[k];
                prediction.data<float>().CopyTo(outputs[k], start);
                if (gates is not null && output.Gates is not null)
                {
                    output.Gates[k].contiguous().data<float>().CopyTo(gates[k], start * network.Experts);
                }
            }
        }

        return new SplitPredictions(outputs, gates, network.Experts);
    }
}
