using Microsoft.Extensions.Options;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Loads every configured model once at start, then scans the repository every
/// <see cref="ModelRepositoryOptions.PollInterval"/> for new versions. The host listens while the first load
/// runs, so requests get 503 with Retry-After until a model is served (the startup probe covers that window).
/// Time comes from <see cref="TimeProvider"/> so tests drive polling with a fake clock.
/// </summary>
public sealed class ModelPoller : BackgroundService
{
    private readonly ModelRegistry _registry;
    private readonly ExecutionProviderPolicy _providers;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<ModelPoller> _logger;

    public ModelPoller(
        ModelRegistry registry,
        ExecutionProviderPolicy providers,
        IOptions<ModelRepositoryOptions> options,
        TimeProvider time,
        ILogger<ModelPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _providers = providers;
        _time = time;
        _interval = options.Value.PollInterval;
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Decide the execution provider before the host listens: Inference:ExecutionProvider=Cuda without
        // CUDA throws here and the host refuses to start.
        _ = _providers.Provider;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();

        // The timer exists before the first load completes, so a test that waits for InitialLoad and then
        // advances its fake clock always finds the timer registered.
        using var timer = _interval > TimeSpan.Zero ? new PeriodicTimer(_interval, _time) : null;
        try
        {
            await PollOnceAsync(stoppingToken);
            while (timer is not null && await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PollOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task PollOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _registry.ReloadAllAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing disk must not end polling; versions already served keep serving.
            ModelsLog.PollFailed(_logger, ex);
        }
    }
}
