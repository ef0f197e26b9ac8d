using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Test hooks on the experiment store and its writer.</summary>
public static class StoreDecoration
{
    /// <summary>Leaves the exposure queue to the test: no writer drains it (tests that read the queue themselves).</summary>
    public static void WithoutExposureWriter(IServiceCollection services)
    {
        foreach (var writer in services.Where(d => d.ImplementationType == typeof(ExposureWriter)).ToArray())
        {
            services.Remove(writer);
        }
    }

    /// <summary>Wraps (or replaces) the host's experiment store.</summary>
    public static void DecorateStore(this IServiceCollection services, Func<IExperimentStore, IExperimentStore> wrap)
    {
        var original = services.Last(d => d.ServiceType == typeof(IExperimentStore));
        services.RemoveAll<IExperimentStore>();
        services.AddSingleton(provider => wrap((IExperimentStore)original.ImplementationFactory!(provider)));
    }
}
