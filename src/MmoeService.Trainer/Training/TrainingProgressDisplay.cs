using System.Globalization;
using MmoeService.Contracts;
using Spectre.Console;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Shows training progress: a Spectre.Console progress bar per epoch (loss while it runs, validation
/// metrics when it ends) on an interactive terminal, one plain line per epoch otherwise (CI logs,
/// redirected output, tests), so nothing depends on a TTY.
/// </summary>
public sealed class TrainingProgressDisplay(IAnsiConsole console)
{
    public T Run<T>(string title, bool enabled, IReadOnlyList<string> taskNames, Func<IProgress<TrainingProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!enabled || !console.Profile.Capabilities.Interactive)
        {
            return work(new ProgressCallback(p =>
            {
                if (p.Completed is { } epoch)
                {
                    // The raw writer: Spectre would wrap at 80 columns when output is redirected, splitting log lines.
                    console.Profile.Out.Writer.WriteLine($"{title} epoch {epoch.Epoch}/{p.Epochs}: {Describe(epoch, taskNames)}");
                }
            }));
        }

        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask? current = null;
                var currentEpoch = 0;
                return work(new ProgressCallback(p =>
                {
                    if (current is null || p.Epoch != currentEpoch)
                    {
                        current = context.AddTask(Markup.Escape($"{title} epoch {p.Epoch}/{p.Epochs}"), maxValue: p.Steps);
                        currentEpoch = p.Epoch;
                    }

                    current.Value = p.Step;
                    var head = $"{title} epoch {p.Epoch}/{p.Epochs}";
                    current.Description = Markup.Escape(p.Completed is { } done
                        ? $"{head}: {Describe(done, taskNames)}"
                        : $"{head}: loss {p.Loss.ToString("F4", CultureInfo.InvariantCulture)}");
                }));
            });
    }

    private static string Describe(EpochRecord epoch, IReadOnlyList<string> taskNames)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"loss {epoch.TrainLoss:F4}"),
            string.Create(CultureInfo.InvariantCulture, $"val loss {epoch.ValidationLoss:F4}"),
        };
        for (var k = 0; k < epoch.Validation.Count; k++)
        {
            parts.Add($"{taskNames[k]} {Format(epoch.Validation[k])}");
        }

        return string.Join(", ", parts);
    }

    public static string Format(TaskMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        // Log-loss is always computable for a binary task, so it tells the kind even when AUC is not.
        return metrics.LogLoss is { } logLoss
            ? string.Create(CultureInfo.InvariantCulture, $"AUC {Number(metrics.Auc)} log-loss {logLoss:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"RMSE {Number(metrics.Rmse)} R² {Number(metrics.R2)}");
    }

    private static string Number(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "n/a";

    // Synchronous, unlike System.Progress<T>, which would post reports to the thread pool out of order.
    private sealed class ProgressCallback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
