using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.Api.Storage;

namespace MmoeService.Api.Tests.Integration;

/// <summary>Test hook: wraps (or replaces) the host's experiment store.</summary>
public static class StoreDecoration
{
    public static void DecorateStore(this IServiceCollection services, Func<IExperimentStore, IExperimentStore> wrap)
    {
        var original = services.Last(d => d.ServiceType == typeof(IExperimentStore));
        services.RemoveAll<IExperimentStore>();
        services.AddSingleton(provider => wrap((IExperimentStore)original.ImplementationFactory!(provider)));
    }
}
