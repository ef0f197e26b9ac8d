namespace MmoeService.Contracts;

/// <summary>
/// The graph inputs and outputs a model version must have, derived from its feature schema and tasks: the one
/// rule the trainer writes its manifest and graph by and the server checks a loaded session against.
/// Inputs: <c>numeric</c> float[-1, numeric count] and <c>categorical</c> int64[-1, categorical count], each only
/// when the schema has features of that kind. Outputs: every task's output float[-1] in task order, then every
/// task's gate output float[-1, gate width] in task order (gated architectures only).
/// </summary>
/// <param name="Inputs">Expected graph inputs in order.</param>
/// <param name="Outputs">Expected graph outputs in order.</param>
public sealed record ModelSignature(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    /// <summary>The signature the manifest's features, tasks and expert count call for.</summary>
    /// <param name="m">A manifest whose <see cref="ModelManifest.Features"/>, <see cref="ModelManifest.Tasks"/> and hyper-parameters are set.</param>
    public static ModelSignature FromManifest(ModelManifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return From(m.Features, m.Tasks, m.Experts);
    }

    /// <summary>The signature of a model with these features and task heads.</summary>
    /// <param name="features">Fitted feature schema; its counts are the input widths.</param>
    /// <param name="tasks">Task heads; their output and gate output names become the graph outputs.</param>
    /// <param name="experts">Gate width of tasks that do not record their own <see cref="TaskHead.GateWidth"/> (0 for Shared-Bottom, whose tasks have no gate outputs).</param>
    public static ModelSignature From(FeatureSchema features, IReadOnlyList<TaskHead> tasks, int experts)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(tasks);
        var inputs = new List<TensorSpec>(2);
        if (features.Numeric.Count > 0)
        {
            inputs.Add(new TensorSpec(FeatureSchema.NumericInput, TensorSpec.Float, [TensorSpec.BatchDimension, features.Numeric.Count]));
        }

        if (features.Categorical.Count > 0)
        {
            inputs.Add(new TensorSpec(FeatureSchema.CategoricalInput, TensorSpec.Int64, [TensorSpec.BatchDimension, features.Categorical.Count]));
        }

        var outputs = tasks.Select(t => new TensorSpec(t.Output, TensorSpec.Float, [TensorSpec.BatchDimension]))
            .Concat(tasks.Where(t => t.GateOutput is not null)
                .Select(t => new TensorSpec(t.GateOutput!, TensorSpec.Float, [TensorSpec.BatchDimension, t.GateWidth ?? experts])))
            .ToArray();
        return new ModelSignature(inputs, outputs);
    }
}
