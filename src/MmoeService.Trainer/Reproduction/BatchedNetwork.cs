using MmoeService.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// R independent copies of one multi-task network (MMoE, OMoE or Shared-Bottom) as a single graph: every
/// weight has a leading runs dimension, so one batched matmul trains all R runs at once, each on its own
/// rows with its own initialisation. Input [R, B, d], output [R, B, tasks]. Run r computes exactly what
/// <c>Modeling/MixtureOfExpertsNetwork</c> or <c>SharedBottomNetwork</c> computes with the weights that
/// <see cref="StateDictOf"/> returns (one ReLU layer per expert/bottom and per tower, a linear head, gates
/// without bias), which the tests check. Initialisation is PyTorch's nn.Linear default, U(±1/√fan_in).
/// </summary>
public sealed class BatchedNetwork : nn.Module<Tensor, Tensor>
{
    // Experts side by side: [R, d, experts * units]; Shared-Bottom is one "expert" of the bottom's width.
    private readonly Parameter expertWeight;
    private readonly Parameter expertBias;

    // Gates side by side: [R, d, gates * experts]; absent for Shared-Bottom.
    private readonly Parameter? gateWeight;

    // Towers and heads per task: [R, tasks, in, out] and [R, tasks, 1, out].
    private readonly Parameter towerWeight;
    private readonly Parameter towerBias;
    private readonly Parameter headWeight;
    private readonly Parameter headBias;

    public BatchedNetwork(string architecture, int runs, int inputs, int tasks, int experts, int units, int towerUnits, Generator generator)
        : base(nameof(BatchedNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
        Runs = runs;
        Inputs = inputs;
        Tasks = tasks;
        Experts = architecture == ModelArchitecture.SharedBottom ? 1 : experts;
        Units = units;
        TowerUnits = towerUnits;
        Gates = architecture switch
        {
            ModelArchitecture.Mmoe => tasks,
            ModelArchitecture.Omoe => 1,
            ModelArchitecture.SharedBottom => 0,
            _ => throw new ArgumentException($"The batched study trains mmoe, omoe or shared-bottom, not '{architecture}'.", nameof(architecture)),
        };

        expertWeight = Uniform([runs, inputs, Experts * units], inputs, generator);
        expertBias = Uniform([runs, 1, Experts * units], inputs, generator);
        gateWeight = Gates > 0 ? Uniform([runs, inputs, Gates * Experts], inputs, generator) : null;
        towerWeight = Uniform([runs, tasks, units, towerUnits], units, generator);
        towerBias = Uniform([runs, tasks, 1, towerUnits], units, generator);
        headWeight = Uniform([runs, tasks, towerUnits, 1], towerUnits, generator);
        headBias = Uniform([runs, tasks, 1, 1], towerUnits, generator);
        RegisterComponents();
    }

    public string Architecture { get; }

    public int Runs { get; }

    public int Inputs { get; }

    public int Tasks { get; }

    public int Experts { get; }

    public int Units { get; }

    public int TowerUnits { get; }

    /// <summary>Gate count: one per task (MMoE), one shared (OMoE), none (Shared-Bottom).</summary>
    public int Gates { get; }

    /// <summary>Trainable parameters of one run (the service network with the same shape has as many).</summary>
    public long ParametersPerRun => Count(Architecture, Inputs, Tasks, Experts, Units, TowerUnits);

    /// <summary>Parameters of one run of the given shape, without building it.</summary>
    public static long Count(string architecture, int inputs, int tasks, int experts, int units, int towerUnits)
    {
        var expertCount = architecture == ModelArchitecture.SharedBottom ? 1 : experts;
        var gates = architecture switch
        {
            ModelArchitecture.Mmoe => tasks,
            ModelArchitecture.Omoe => 1,
            _ => 0,
        };
        return ((long)expertCount * ((inputs * units) + units))
            + ((long)gates * inputs * expertCount)
            + ((long)tasks * ((units * towerUnits) + towerUnits + towerUnits + 1));
    }

    /// <summary>
    /// The Shared-Bottom width whose parameter count is closest to <paramref name="target"/> (the paper's
    /// "113 units so that the number of parameters matches", recomputed for these layer shapes).
    /// </summary>
    public static int MatchingBottomWidth(long target, int inputs, int tasks, int towerUnits)
    {
        var perUnit = inputs + 1 + (tasks * towerUnits);
        var fixedPart = (long)tasks * (towerUnits + 1);
        return (int)Math.Max(1, Math.Round((target - fixedPart) / (double)perUnit));
    }

    public override Tensor forward(Tensor input)
    {
        var runs = input.shape[0];
        var rows = input.shape[1];

        // [R, B, experts, units]
        var hidden = nn.functional.relu(input.matmul(expertWeight).add(expertBias)).view(runs, rows, Experts, Units);
        Tensor mixed;
        if (gateWeight is null)
        {
            mixed = hidden.squeeze(2).unsqueeze(1).expand(runs, Tasks, rows, Units);
        }
        else
        {
            // [R, B, gates, experts] x [R, B, experts, units] -> [R, B, gates, units] -> [R, gates, B, units]
            var gates = nn.functional.softmax(input.matmul(gateWeight).view(runs, rows, Gates, Experts), -1);
            mixed = gates.matmul(hidden).permute(0, 2, 1, 3);
            if (Gates == 1)
            {
                mixed = mixed.expand(runs, Tasks, rows, Units);
            }
        }

        var tower = nn.functional.relu(mixed.matmul(towerWeight).add(towerBias));
        // [R, tasks, B, 1] -> [R, B, tasks]
        return tower.matmul(headWeight).add(headBias).squeeze(-1).permute(0, 2, 1);
    }

    /// <summary>
    /// Run <paramref name="run"/>'s weights under the state_dict names of the service's network of the same
    /// architecture (<c>MultiTaskNetwork.Create</c> with a numeric-only schema), so a run can be loaded into it.
    /// </summary>
    public Dictionary<string, Tensor> StateDictOf(int run)
    {
        using var noGrad = torch.no_grad();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var experts = expertWeight[run];
        var biases = expertBias[run, 0];
        if (gateWeight is null)
        {
            state["bottom.layers.0.weight"] = experts.t().contiguous();
            state["bottom.layers.0.bias"] = biases.clone();
        }
        else
        {
            for (var i = 0; i < Experts; i++)
            {
                var columns = TensorIndex.Slice(i * Units, (i + 1) * Units);
                state[$"experts.{i}.layers.0.weight"] = experts[TensorIndex.Colon, columns].t().contiguous();
                state[$"experts.{i}.layers.0.bias"] = biases[columns].clone();
            }

            for (var g = 0; g < Gates; g++)
            {
                state[$"gates.{g}.weight"] = gateWeight[run][TensorIndex.Colon, TensorIndex.Slice(g * Experts, (g + 1) * Experts)].t().contiguous();
            }
        }

        for (var k = 0; k < Tasks; k++)
        {
            state[$"towers.{k}.layers.0.weight"] = towerWeight[run, k].t().contiguous();
            state[$"towers.{k}.layers.0.bias"] = towerBias[run, k, 0].clone();
            state[$"heads.{k}.weight"] = headWeight[run, k].t().contiguous();
            state[$"heads.{k}.bias"] = headBias[run, k, 0].clone();
        }

        return state;
    }

    private static Parameter Uniform(long[] shape, long fanIn, Generator generator)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        using var noGrad = torch.no_grad();
        using var width = (2 * bound).ToScalar();   // owned Scalars: see Training/OwnedScalarAdam
        using var offset = bound.ToScalar();
        var values = torch.rand(shape, generator: generator).mul_(width).sub_(offset);
        return new Parameter(values, requires_grad: true);
    }
}
