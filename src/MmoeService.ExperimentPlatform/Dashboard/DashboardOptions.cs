using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Dashboard;

/// <summary>The experiment dashboard (section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How often an open page fetches its JSON again, in seconds.</summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 10;
}
