using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The text of <c>command.txt</c>: the exact command that made a results folder (reconstructed from this
/// process's arguments), when, on how many cores and at what scale, so anyone can rerun it.
/// </summary>
public static class ReproductionCommandLine
{
    public const string FileName = "command.txt";

    /// <summary>The trainer command line of this process, or a note when a test runs the job in-process.</summary>
    public static string Current()
    {
        var args = Environment.GetCommandLineArgs();
        var entry = args.Length > 0 ? Path.GetFileNameWithoutExtension(args[0]) : string.Empty;
        return entry == "MmoeService.Trainer"
            ? "dotnet run --project src/MmoeService.Trainer -c Release -- " + string.Join(' ', args.Skip(1).Select(Quote))
            : "(run in-process, not from the command line)";
    }

    public static string Describe(string command, string scale, DateTimeOffset finished, TimeSpan elapsed) => new StringBuilder()
        .Append(command).Append('\n')
        .Append('\n')
        .Append(CultureInfo.InvariantCulture, $"finished: {finished:yyyy-MM-dd HH:mm} UTC\n")
        .Append(CultureInfo.InvariantCulture, $"wall time: {elapsed.TotalMinutes:F1} min on {Environment.ProcessorCount} cores (shared with other work)\n")
        .Append(CultureInfo.InvariantCulture, $"scale: {scale}\n")
        .ToString();

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
