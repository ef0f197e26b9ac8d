using MmoeService.Serving.Routing;
namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// Sticky routing for <c>POST /score</c> (an A/B arm, or both arms of an interleaving experiment): the active experiment's hash assignment (see <see cref="AssignmentHash"/>),
/// overrides, coverage and stop, or the default model when no experiment is active. Follows configuration reloads
/// through <see cref="ExperimentConfiguration"/>, which only ever hands out a valid configuration.
/// </summary>
public sealed class ExperimentRouter(ExperimentConfiguration configuration) : IModelRouter
{
    private RoutePlan _plan = new(configuration.Current);

    public RouteDecision Route(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var plan = Volatile.Read(ref _plan);
        var current = configuration.Current;
        if (!ReferenceEquals(plan.Source, current))
        {
            // Racing rebuilds are harmless: both compile the same immutable configuration.
            plan = new RoutePlan(current);
            Volatile.Write(ref _plan, plan);
        }

        return plan.Route(userId);
    }
}
