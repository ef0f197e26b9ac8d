namespace MmoeService.ExperimentPlatform;

/// <summary>The experiment store could not be reached or refused the operation; nothing of it was committed.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
