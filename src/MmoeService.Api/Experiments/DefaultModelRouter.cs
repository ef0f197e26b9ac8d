using Microsoft.Extensions.Options;

namespace MmoeService.Api.Experiments;

/// <summary>Routes every request to <see cref="ExperimentOptions.DefaultModel"/>, outside any experiment.</summary>
public sealed class DefaultModelRouter(IOptions<ExperimentOptions> options) : IModelRouter
{
    private readonly RouteDecision _decision = RouteDecision.Direct(options.Value.DefaultModel);

    public RouteDecision Route(string userId) => _decision;
}
