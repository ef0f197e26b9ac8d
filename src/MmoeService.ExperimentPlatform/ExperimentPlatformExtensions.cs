using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Dashboard;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.ExperimentPlatform;

/// <summary>
/// The whole experiment platform for a host: its features in dependency order. Their metrics classes come with the
/// host's registry (AddObservability).
/// </summary>
public static class ExperimentPlatformExtensions
{
    public static IHostApplicationBuilder AddExperimentPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExposures();
        builder.AddExperiments();
        builder.AddStorage();
        builder.AddExposureSpool();
        builder.AddFeedback();
        builder.AddScorecards();
        builder.AddDashboard();
        return builder;
    }
}
