namespace MmoeService.Serving.Batching;

/// <summary>
/// The batcher's queue holds <see cref="BatchingOptions.MaxQueuedRows"/> rows already; the pipeline answers 429 with
/// <c>Retry-After</c>. Thrown before the request is queued, so nothing of it runs.
/// </summary>
public sealed class BatchQueueFullException : Exception
{
    public BatchQueueFullException()
    {
    }

    public BatchQueueFullException(string message)
        : base(message)
    {
    }

    public BatchQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BatchQueueFullException(int queuedRows, int maxQueuedRows, int retryAfterSeconds)
        : base($"The batch queue holds {queuedRows} of at most {maxQueuedRows} rows ({BatchingOptions.SectionName}:MaxQueuedRows).")
    {
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>What the client is told to wait before retrying.</summary>
    public int RetryAfterSeconds { get; } = 1;
}
