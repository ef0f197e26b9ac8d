using MmoeService.Trainer.Data;
using MmoeService.Trainer.Reproduction;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer;

/// <summary>
/// Runs a trainer command and owns the exit-code policy: 0 done, 2 bad input (a <see cref="DatasetException"/>,
/// failed options validation, an unknown command), 1 anything else. Commands are the leading words of the
/// command line; everything from the first <c>--Key=value</c> on is configuration. Each feature registers its
/// commands in its AddX as keyed <see cref="ITrainerJob"/>s, the key being the command words.
/// </summary>
public static class TrainerCommands
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const string DefaultCommand = JobsExtensions.TrainCommand;

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

        var commands = Commands(builder.Services);
        var key = commands.FirstOrDefault(c => string.Equals(c, command, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            errors.WriteLine($"Unknown command '{command}'. Commands: {string.Join(", ", commands)}. Settings follow as --Section:Key=value.");
            return BadInput;
        }

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        try
        {
            using var host = builder.Build();
            // Start runs ValidateOnStart, so bad settings fail here, before any data is read.
            host.Start();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var job = host.Services.GetRequiredKeyedService<ITrainerJob>(key);
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

    /// <summary>The command words the features registered, in registration order.</summary>
    public static IReadOnlyList<string> Commands(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services.Where(d => d.IsKeyedService && d.ServiceType == typeof(ITrainerJob)).Select(d => (string)d.ServiceKey!)];
    }
}
