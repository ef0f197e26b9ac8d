namespace MmoeService.Serving.ModelRepository;

/// <summary>A model version that cannot be served: missing files, manifest mismatch, bad checksum, failed warm-up.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException() { }

    public ModelLoadException(string message) : base(message) { }

    public ModelLoadException(string message, Exception innerException) : base(message, innerException) { }
}
