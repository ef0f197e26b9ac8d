namespace MmoeService.Api.Experiments;

/// <summary>
/// Picks the model for one request. <see cref="ExperimentRouter"/> assigns each user to an arm of the active experiment, sticky by hash;
/// the scoring endpoint only sees this seam.
/// </summary>
public interface IModelRouter
{
    RouteDecision Route(string userId);
}
