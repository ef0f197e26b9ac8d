namespace MmoeService.ExperimentPlatform.Assignment;

public enum ExperimentStatus
{
    Running,

    /// <summary>Everyone gets the control arm; nothing new is analysed.</summary>
    Stopped,
}
