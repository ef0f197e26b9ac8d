using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Trains several <see cref="BatchedNetwork"/>s (one per model) on the same <see cref="BatchedSyntheticData"/>:
/// every step draws one mini-batch of row indices and feeds it to every model and every run (run r sees
/// its own rows at those indices), so within a run all models see the same data in the same order. The
/// loss of run r is the sum over both tasks of the mean squared error; summing the runs' losses before
/// backward leaves each run's gradient its own. Early stopping per run on validation loss, best weights
/// restored at the end, as <see cref="BatchedTraining"/> describes.
/// </summary>
public static class BatchedTrainer
{
    private const int EvaluationChunk = 10_000;

    public static BatchedOutcome Train(
        BatchedSyntheticData data,
        IReadOnlyList<(string Model, BatchedNetwork Network, IReadOnlyList<double> LearningRates)> models,
        BatchedTraining settings,
        Action<int, IReadOnlyList<BatchedModelOutcome>>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Threads > 0)
        {
            torch.set_num_threads(settings.Threads);
        }

        var clock = Stopwatch.StartNew();
        var runs = data.Runs;
        var states = models.Select(m => new State(m.Model, m.Network, m.LearningRates, runs)).ToArray();
        using var generator = new Generator((ulong)(uint)settings.Seed);
        var stepsPerEpoch = (data.TrainRows + settings.BatchSize - 1) / settings.BatchSize;
        Tensor? order = null;
        var step = 0;
        long rowSteps = 0;
        try
        {
            while (step < settings.MaxSteps && states.Any(s => s.AnyActive))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (step % stepsPerEpoch == 0)
                {
                    order?.Dispose();
                    order = randperm(data.TrainRows, generator: generator);
                }

                using (var scope = NewDisposeScope())
                {
                    var start = step % stepsPerEpoch * settings.BatchSize;
                    var index = order!.narrow(0, start, Math.Min(settings.BatchSize, data.TrainRows - start));
                    var x = data.TrainX.index_select(1, index);
                    var y = data.TrainY.index_select(1, index);
                    foreach (var state in states.Where(s => s.AnyActive))
                    {
                        state.Network.train();
                        var perRun = state.Network.call(x).sub(y).square().mean([1]).sum(-1);
                        perRun.sum().backward();
                        state.Optimizer.Step(state.Rates);
                        state.CurveSum.add_(perRun.detach());
                        rowSteps += index.shape[0] * runs;
                    }
                }

                step++;
                if (step % settings.CurveEvery == 0)
                {
                    foreach (var state in states)
                    {
                        state.CloseWindow(settings.CurveEvery);
                    }
                }

                if (step % settings.EvaluateEvery == 0 || step == settings.MaxSteps)
                {
                    foreach (var state in states.Where(s => s.AnyActive))
                    {
                        state.Evaluate(data, step, settings.Patience);
                    }

                    progress?.Invoke(step, states.Select(s => s.Snapshot()).ToArray());
                }
            }

            var outcomes = states.Select(s => s.Finish(data)).ToArray();
            return new BatchedOutcome(outcomes, step, settings.CurveEvery, rowSteps, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            order?.Dispose();
            foreach (var state in states)
            {
                state.Dispose();
            }
        }
    }

    /// <summary>Per-run, per-task mean squared error of <paramref name="network"/> on (x, y), [R, tasks] as doubles.</summary>
    public static double[,] TaskMse(BatchedNetwork network, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var rows = x.shape[1];
        var sum = zeros([x.shape[0], y.shape[2]], ScalarType.Float64);
        for (long start = 0; start < rows; start += EvaluationChunk)
        {
            var length = Math.Min(EvaluationChunk, rows - start);
            var error = network.call(x.narrow(1, start, length)).sub(y.narrow(1, start, length)).square().to_type(ScalarType.Float64);
            sum.add_(error.sum([1]));
        }

        using var count = rows.ToScalar();   // owned: see Training/OwnedScalarAdam
        var values = sum.div(count).data<double>().ToArray();
        var result = new double[x.shape[0], y.shape[2]];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }

    private static double[] Total(double[,] perTask) =>
        [.. Enumerable.Range(0, perTask.GetLength(0)).Select(r => Enumerable.Range(0, perTask.GetLength(1)).Sum(k => perTask[r, k]))];

    /// <summary>Training state of one model's runs: optimiser, best weights, patience counters, curve.</summary>
    private sealed class State : IDisposable
    {
        private readonly double[] rates;
        private readonly double[] best;
        private readonly int[] bestStep;
        private readonly int[] stoppedStep;
        private readonly int[] bad;
        private readonly Tensor[] parameters;
        private readonly Tensor[] snapshot;
        private readonly List<double[]> curve = [];
        private double[] lastWindow;

        public State(string model, BatchedNetwork network, IReadOnlyList<double> learningRates, int runs)
        {
            Model = model;
            Network = network;
            rates = [.. learningRates];
            if (rates.Length != runs)
            {
                throw new ArgumentException($"{model}: {rates.Length} learning rates for {runs} runs.", nameof(learningRates));
            }

            best = [.. Enumerable.Repeat(double.PositiveInfinity, runs)];
            bestStep = new int[runs];
            stoppedStep = [.. Enumerable.Repeat(-1, runs)];
            bad = new int[runs];
            lastWindow = [.. Enumerable.Repeat(double.NaN, runs)];
            parameters = [.. network.parameters()];
            using (no_grad())
            {
                snapshot = [.. parameters.Select(p => p.detach().clone().DetachFromDisposeScope())];
            }

            Optimizer = new BatchedAdam(parameters);
            CurveSum = zeros(runs).DetachFromDisposeScope();
            Rates = tensor(rates.Select(r => (float)r).ToArray()).DetachFromDisposeScope();
        }

        public string Model { get; }

        public BatchedNetwork Network { get; }

        public BatchedAdam Optimizer { get; }

        public Tensor CurveSum { get; }

        /// <summary>[R] learning rates of this step: 0 for stopped runs.</summary>
        public Tensor Rates { get; }

        public bool AnyActive => stoppedStep.Any(s => s < 0);

        public void CloseWindow(int window)
        {
            using var steps = window.ToScalar();   // owned: see Training/OwnedScalarAdam
            var means = CurveSum.div(steps).to_type(ScalarType.Float64).data<double>().ToArray();
            CurveSum.zero_();
            // A stopped run keeps its last training-loss value: it no longer trains, so its curve is flat.
            lastWindow = [.. means.Select((m, r) => stoppedStep[r] >= 0 && !double.IsNaN(lastWindow[r]) ? lastWindow[r] : m)];
            curve.Add(lastWindow);
        }

        public void Evaluate(BatchedSyntheticData data, int step, int patience)
        {
            var loss = Total(TaskMse(Network, data.ValidationX, data.ValidationY));
            var improved = new bool[loss.Length];
            for (var r = 0; r < loss.Length; r++)
            {
                if (stoppedStep[r] >= 0)
                {
                    continue;
                }

                if (loss[r] < best[r])
                {
                    (best[r], bestStep[r], bad[r], improved[r]) = (loss[r], step, 0, true);
                }
                else if (++bad[r] >= patience)
                {
                    stoppedStep[r] = step;
                }
            }

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var mask = tensor(improved);
            for (var i = 0; i < parameters.Length; i++)
            {
                var shape = Enumerable.Repeat(1L, (int)parameters[i].dim()).ToArray();
                shape[0] = loss.Length;
                snapshot[i].copy_(where(mask.view(shape), parameters[i], snapshot[i]));
            }

            var active = rates.Select((rate, r) => stoppedStep[r] >= 0 ? 0f : (float)rate).ToArray();
            Rates.copy_(tensor(active));
        }

        public BatchedModelOutcome Snapshot() => new(
            Model, Network.ParametersPerRun, rates, best, [], [], [], [], bestStep, stoppedStep, curve);

        public BatchedModelOutcome Finish(BatchedSyntheticData data)
        {
            using (no_grad())
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].copy_(snapshot[i]);
                }
            }

            var train = Total(TaskMse(Network, data.TrainX, data.TrainY));
            var test = TaskMse(Network, data.TestX, data.TestY);
            return new BatchedModelOutcome(
                Model,
                Network.ParametersPerRun,
                rates,
                best,
                train,
                Total(test),
                [.. Enumerable.Range(0, test.GetLength(0)).Select(r => test[r, 0])],
                [.. Enumerable.Range(0, test.GetLength(0)).Select(r => test[r, 1])],
                bestStep,
                stoppedStep,
                curve);
        }

        public void Dispose()
        {
            Optimizer.Dispose();
            CurveSum.Dispose();
            Rates.Dispose();
            foreach (var t in snapshot)
            {
                t.Dispose();
            }
        }
    }
}
