using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// A stack of fully connected layers, each followed by ReLU. Used for experts, the shared bottom and
/// the hidden part of task towers (the one-unit heads are separate so they stay linear).
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    // Field name is the weight-name prefix: "<owner>.<i>.layers.<j>.weight" in checkpoints and ONNX.
    private readonly ModuleList<Linear> layers;

    public Mlp(string name, long inputSize, IReadOnlyList<int> hiddenSizes) : base(name)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        var list = new Linear[hiddenSizes.Count];
        var width = inputSize;
        for (var i = 0; i < hiddenSizes.Count; i++)
        {
            list[i] = nn.Linear(width, hiddenSizes[i]);
            width = hiddenSizes[i];
        }

        layers = nn.ModuleList(list);
        OutputSize = width;
        RegisterComponents();
    }

    /// <summary>Width of the output: the last hidden size, or the input size when there are no layers.</summary>
    public long OutputSize { get; }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            x = nn.functional.relu(layer.call(x));
        }

        return x;
    }
}
