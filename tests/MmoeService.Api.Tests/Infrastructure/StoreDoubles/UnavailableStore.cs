using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>A store that is down for good: every call fails the way an unreachable database does.</summary>
public sealed class UnavailableStore : IExperimentStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.FromException(Down());

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken) => Task.FromException<int>(Down());

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        Task.FromException<FeedbackWriteResult>(Down());

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<ArmObservations>>(Down());

    private static StoreUnavailableException Down() => new("store down (test)");
}
