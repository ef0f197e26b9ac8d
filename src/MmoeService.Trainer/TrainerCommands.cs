using MmoeService.Trainer.Conflict;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Reproduction;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer;

/// <summary>
/// The trainer's command table and exit-code policy: 0 done, 2 bad input (a <see cref="DatasetException"/>,
/// failed options validation, an unknown command), 1 anything else. Commands are the leading words of the
/// command line; everything from the first <c>--Key=value</c> on is configuration.
/// </summary>
public static class TrainerCommands
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const string DefaultCommand = "train";

    /// <summary>Command words to the job that runs them; each feature registers its jobs in its AddX.</summary>
    public static IReadOnlyDictionary<string, Type> Table { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = typeof(TrainingJob),
        ["defaults"] = typeof(DefaultModelsJob),
        ["defaults conflict"] = typeof(ConflictDefaultModelsJob),

        // A/B simulator: synthetic users against a running service.
        ["simulate"] = typeof(SimulationJob),

        // Offline study of the recommendation world whose tasks conflict.
        [ConflictExtensions.Command] = typeof(ConflictStudyJob),

        // Paper reproduction (Reproduction feature).
        [ReproductionExtensions.SyntheticCommand] = typeof(SyntheticStudyJob),
        [ReproductionExtensions.CensusCommand] = typeof(CensusStudyJob),
        [ReproductionExtensions.SweepCommand] = typeof(SyntheticSweepJob),
    };

    /// <summary>Former command words to their current name; they still run, after one deprecation line.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [ReproductionExtensions.SyntheticAlias] = ReproductionExtensions.SyntheticCommand,
        [ReproductionExtensions.CensusAlias] = ReproductionExtensions.CensusCommand,
    };

    /// <summary>Splits <c>reproduce census --Data:Seed=3</c> into the command and the configuration arguments.</summary>
    public static (string Command, string[] Settings) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        return (words.Length == 0 ? DefaultCommand : string.Join(' ', words), args[words.Length..]);
    }

    /// <summary>Builds the host, validates options, runs the command's job and returns the exit code.</summary>
    public static int Run(HostApplicationBuilder builder, string command, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        errors ??= Console.Error;
        if (Aliases.TryGetValue(command, out var current))
        {
            errors.WriteLine($"'{command}' is deprecated; use '{current}' (settings under --Reproduction:...).");
            command = current;
        }

        if (!Table.TryGetValue(command, out var jobType))
        {
            errors.WriteLine($"Unknown command '{command}'. Commands: {string.Join(", ", Table.Keys)}. Settings follow as --Section:Key=value.");
            return BadInput;
        }

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        try
        {
            using var host = builder.Build();
            // Start runs ValidateOnStart, so bad settings fail here, before any data is read.
            host.Start();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var job = (ITrainerJob)host.Services.GetRequiredService(jobType);
            job.Run(lifetime.ApplicationStopping);
            host.StopAsync().GetAwaiter().GetResult();
            return Success;
        }
        catch (DatasetException e)
        {
            errors.WriteLine($"Bad input: {e.Message}");
            return BadInput;
        }
        catch (OptionsValidationException e)
        {
            errors.WriteLine($"Bad settings: {string.Join(Environment.NewLine, e.Failures)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine("Cancelled; nothing was written.");
            return Failure;
        }
        catch (Exception e)
        {
            errors.WriteLine($"Failed: {e}");
            return Failure;
        }
    }
}
