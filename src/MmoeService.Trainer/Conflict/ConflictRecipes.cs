using MmoeService.Contracts;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Conflict;

/// <summary>
/// The fixed network recipes of the conflict study. Shared-Bottom and MMoE are the committed defaults' recipes
/// (similar parameter counts); CGC and PLE keep MMoE's four 32-unit experts per level, split into two shared and
/// one task-specific per task, so each task gate mixes three. Single-task is one Shared-Bottom network per task.
/// </summary>
public static class ConflictRecipes
{
    public const string SingleTask = "single-task";

    public static IReadOnlyList<string> Names { get; } = [SingleTask, ModelArchitecture.SharedBottom, ModelArchitecture.Mmoe, ModelArchitecture.Omoe, ModelArchitecture.Cgc, ModelArchitecture.Ple];

    /// <summary>The recipe of <paramref name="model"/> with the study's seed, epochs and gate dropout.</summary>
    public static TrainingOptions For(string model, int seed, int epochs, double gateDropout)
    {
        var options = model switch
        {
            SingleTask => DefaultModelsJob.Recipe(ModelArchitecture.SharedBottom),
            ModelArchitecture.SharedBottom or ModelArchitecture.Mmoe => DefaultModelsJob.Recipe(model),
            ModelArchitecture.Omoe => With(DefaultModelsJob.Recipe(ModelArchitecture.Mmoe), o => o.Architecture = ModelArchitecture.Omoe),
            ModelArchitecture.Cgc or ModelArchitecture.Ple => With(DefaultModelsJob.Recipe(ModelArchitecture.Mmoe), o =>
            {
                o.Architecture = model;
                o.Experts = 2;
                o.SpecificExperts = 1;
                o.Levels = 2;
            }),
            _ => throw new ArgumentException($"No conflict-study recipe for '{model}'.", nameof(model)),
        };
        options.Seed = seed;
        options.Epochs = epochs;
        options.GateDropout = ModelArchitecture.HasGates(options.Architecture) && model != SingleTask ? gateDropout : 0;
        options.Progress = false;
        return options;
    }

    private static TrainingOptions With(TrainingOptions options, Action<TrainingOptions> change)
    {
        change(options);
        return options;
    }
}
