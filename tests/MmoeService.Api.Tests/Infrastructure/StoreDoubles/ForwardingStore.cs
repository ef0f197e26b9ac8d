using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>Passes every call to the real store; a test double overrides only the calls it watches or holds.</summary>
public class ForwardingStore(IExperimentStore inner) : IExperimentStore
{
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public virtual Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken) =>
        inner.WriteExposuresAsync(exposures, cancellationToken);

    public virtual Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        inner.WriteFeedbackAsync(events, cancellationToken);

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        inner.ReadArmObservationsAsync(experiment, cancellationToken);
}
