namespace MmoeService.Trainer;

/// <summary>
/// One run-to-completion trainer command. A job throws on failure; <see cref="TrainerCommands"/> turns
/// the exception into the process exit code.
/// </summary>
public interface ITrainerJob
{
    void Run(CancellationToken cancellationToken);
}
