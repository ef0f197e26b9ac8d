namespace MmoeService.Serving.Inference;

/// <summary>What one inference run returns, copied out of ONNX Runtime's buffers so they can be released at once.</summary>
/// <param name="Rows">Rows scored.</param>
/// <param name="Tasks">Per task (manifest order), one output per row.</param>
/// <param name="Gates">Per task, Rows × Experts gate weights (row-major); null when not requested or the model has none.</param>
/// <param name="Experts">Experts per gate row.</param>
public sealed record InferenceResult(int Rows, IReadOnlyList<float[]> Tasks, IReadOnlyList<float[]>? Gates, int Experts)
{
    private PooledGates? _pooled;

    /// <summary>
    /// True once <see cref="ReleaseGates"/> has given pooled gate arrays back; <see cref="Gates"/> then belongs to
    /// another run and must not be read.
    /// </summary>
    public bool GatesReleased => _pooled?.Released ?? false;

    /// <summary>A result whose gate arrays were rented from <paramref name="owner"/> and go back on <see cref="ReleaseGates"/>.</summary>
    internal static InferenceResult WithPooledGates(int rows, float[][] tasks, float[][] gates, int experts, GateBuffers owner) =>
        new(rows, tasks, gates, experts) { _pooled = new PooledGates(owner, gates) };

    /// <summary>
    /// Gives pooled gate arrays back to their model once nothing will read them (the answer is written, or was
    /// refused); a no-op for gates the result owns, and after the first call. Task outputs are never pooled: the
    /// exposure log reads them after the answer.
    /// </summary>
    public void ReleaseGates() => _pooled?.Release();

    /// <summary>Shared by copies of the result (<c>with</c>), so the arrays go back once whichever copy releases them.</summary>
    private sealed class PooledGates(GateBuffers owner, float[][] gates)
    {
        private int _released;

        public bool Released => Volatile.Read(ref _released) != 0;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            foreach (var buffer in gates)
            {
                owner.Return(buffer);
            }
        }
    }
}
