namespace MmoeService.Api.Experiments;

/// <summary>
/// Picks the model for one request. <see cref="DefaultModelRouter"/> sends everything to the default model;
/// the A/B router (sticky per user) replaces it without touching the scoring endpoint.
/// </summary>
public interface IModelRouter
{
    RouteDecision Route(string userId);
}
