namespace MmoeService.ExperimentPlatform.Dashboard;

/// <summary>Services of the dashboard: its options and the embedded assets.</summary>
public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<DashboardAssets>();
        return builder;
    }
}
