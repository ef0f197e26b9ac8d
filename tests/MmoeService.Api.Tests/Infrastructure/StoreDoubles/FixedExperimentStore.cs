using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>A store that answers the scorecard read with set observations (or fails), for endpoint tests.</summary>
internal sealed class FixedExperimentStore(IReadOnlyList<ArmObservations> observations, bool unavailable = false) : IExperimentStore
{
    private volatile IReadOnlyList<ArmObservations> _observations = observations;

    public List<string> Reads { get; } = [];

    /// <summary>What the next read returns; a test replaces it to watch a page refresh.</summary>
    public IReadOnlyList<ArmObservations> Observations
    {
        get => _observations;
        set => _observations = value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken) => Task.FromResult(exposures.Count);

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The scorecard endpoints never write feedback.");

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken)
    {
        lock (Reads)
        {
            Reads.Add(experiment);
        }

        return unavailable
            ? Task.FromException<IReadOnlyList<ArmObservations>>(new StoreUnavailableException("The experiment store could not read arm observations: connection refused"))
            : Task.FromResult(_observations);
    }
}
