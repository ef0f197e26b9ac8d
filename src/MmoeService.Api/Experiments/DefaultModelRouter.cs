using Microsoft.Extensions.Options;

namespace MmoeService.Api.Experiments;

/// <summary>Routes every request to <see cref="ExperimentOptions.DefaultModel"/>, outside any experiment.</summary>
public sealed class DefaultModelRouter(IOptionsMonitor<ExperimentOptions> options) : IModelRouter
{
    public RouteDecision Route(string userId) => RouteDecision.Direct(options.CurrentValue.DefaultModel);
}
