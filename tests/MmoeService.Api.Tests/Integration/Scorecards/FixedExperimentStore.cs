using MmoeService.Api.Experiments.Scorecards;
using MmoeService.Api.Exposures;
using MmoeService.Api.Feedback;
using MmoeService.Api.Storage;

namespace MmoeService.Api.Tests.Integration.Scorecards;

/// <summary>A store that answers the scorecard read with fixed observations (or fails), for endpoint tests.</summary>
internal sealed class FixedExperimentStore(IReadOnlyList<ArmObservations> observations, bool unavailable = false) : IExperimentStore
{
    public List<string> Reads { get; } = [];

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken) => Task.FromResult(exposures.Count);

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The scorecard endpoints never write feedback.");

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken)
    {
        Reads.Add(experiment);
        return unavailable
            ? Task.FromException<IReadOnlyList<ArmObservations>>(new StoreUnavailableException("The experiment store could not read arm observations: connection refused"))
            : Task.FromResult(observations);
    }

    public Task<long> CountOrphanedFeedbackAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<StoredExposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken) => Task.FromResult<StoredExposure?>(null);
}
