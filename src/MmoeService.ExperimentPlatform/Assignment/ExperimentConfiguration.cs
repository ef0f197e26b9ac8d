using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;

namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// Holds the last valid routing configuration. The options pipeline of <see cref="ExperimentOptions"/> carries no
/// validators on purpose: a validator there throws from <c>IOptionsMonitor.CurrentValue</c> and from the reload
/// callback after an invalid edit, taking routing down with it. Instead this holder validates each change itself,
/// refuses an invalid one (logged with every failure, counted in <c>mmoe_experiment_config_changes_total{outcome="rejected"}</c>) and
/// keeps serving the previous configuration. At start an invalid configuration throws, which stops the host
/// (this class is also a hosted service so that happens before the first request).
/// </summary>
public sealed class ExperimentConfiguration : IHostedService, IDisposable
{
    private readonly ExperimentOptionsValidator _validator;
    private readonly ILogger<ExperimentConfiguration> _logger;
    private readonly AssignmentMetrics _metrics;
    private readonly IDisposable? _subscription;
    private readonly Lock _offering = new();
    private ExperimentOptions _current;
    private (string Content, ValidateOptionsResult Result) _lastOffer;

    public ExperimentConfiguration(
        IOptionsMonitor<ExperimentOptions> monitor, ExperimentOptionsValidator validator,
        ILogger<ExperimentConfiguration> logger, AssignmentMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _validator = validator;
        _logger = logger;
        _metrics = metrics;
        var initial = monitor.CurrentValue;
        var result = validator.Validate(Options.DefaultName, initial);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ExperimentOptions), result.Failures);
        }

        _current = initial;
        _lastOffer = (Fingerprint(initial), result);
        _subscription = monitor.OnChange(Offer);
    }

    /// <summary>The configuration in force: always one that passed validation.</summary>
    public ExperimentOptions Current => Volatile.Read(ref _current);

    /// <summary>Validates a new configuration and takes it if valid; returns the failures otherwise (the old one stays).</summary>
    public ValidateOptionsResult Offer(ExperimentOptions candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);

        // One reload fires the callback once per configuration layer, and any section's change fires it too:
        // only a configuration whose content differs from the last one offered is judged (and logged, and counted).
        var content = Fingerprint(candidate);
        lock (_offering)
        {
            if (content == _lastOffer.Content)
            {
                return _lastOffer.Result;
            }

            var judged = Judge(candidate);
            _lastOffer = (content, judged);
            return judged;
        }
    }

    private ValidateOptionsResult Judge(ExperimentOptions candidate)
    {
        ValidateOptionsResult result;
        try
        {
            result = _validator.Validate(Options.DefaultName, candidate);
        }
        catch (Exception ex)
        {
            // A reload callback must never throw into the configuration system; a validator crash is a refusal.
            result = ValidateOptionsResult.Fail($"validation failed: {ex.Message}");
        }

        if (result.Failed)
        {
            _metrics.ConfigRejected();
            ExperimentsLog.ConfigurationRefused(_logger, Current.Active ?? "(none)", string.Join(" | ", result.Failures ?? []));
            return result;
        }

        Volatile.Write(ref _current, candidate);
        _metrics.ConfigAccepted();
        ExperimentsLog.ConfigurationApplied(_logger, candidate.Active ?? "(none)", candidate.Experiments.Count);
        return result;
    }

    private static string Fingerprint(ExperimentOptions options) => System.Text.Json.JsonSerializer.Serialize(options);

    private void Offer(ExperimentOptions candidate, string? name)
    {
        if (name is null || name == Options.DefaultName)
        {
            Offer(candidate);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();
}
