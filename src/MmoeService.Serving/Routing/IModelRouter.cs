namespace MmoeService.Serving.Routing;

/// <summary>
/// Picks the model for one request: the serving side's question to whoever runs experiments. The experiment platform
/// assigns each user to an arm of the active experiment, sticky by hash; the scoring pipeline only sees this seam.
/// </summary>
public interface IModelRouter
{
    RouteDecision Route(string userId);
}
