using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure.StoreDoubles;

/// <summary>Holds the first feedback write inside the store until the test releases it: feedback in flight, made a fact.</summary>
public sealed class GatedFeedbackStore
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _gated;

    /// <summary>Completes when the first feedback write has reached the store.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public IExperimentStore Wrap(IExperimentStore inner) => new Gated(inner, this);

    private sealed class Gated(IExperimentStore inner, GatedFeedbackStore gate) : ForwardingStore(inner)
    {
        public override async Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref gate._gated, 1) == 0)
            {
                gate._entered.TrySetResult();
                await gate._release.Task;
            }

            return await base.WriteFeedbackAsync(events, cancellationToken);
        }
    }
}
