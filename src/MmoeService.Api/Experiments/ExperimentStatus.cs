namespace MmoeService.Api.Experiments;

public enum ExperimentStatus
{
    Running,

    /// <summary>Everyone gets the control arm; nothing new is analysed.</summary>
    Stopped,
}
