namespace MmoeService.Trainer.Data;

/// <summary>
/// The label rules of the paper's census-income task groups (Ma et al. §6.3.1).
/// </summary>
public static class CensusIncomeTasks
{
    public const string IncomeTask = "income";
    public const string MaritalTask = "marital";
    public const string EducationTask = "education";

    /// <summary>
    /// Education values that count as "at least college" (group 2's main task). The paper does not say; we read
    /// it as "has been to college": some college without a degree, both associate degrees, bachelor's, master's,
    /// professional school and doctorate. High school graduates and below (and "Children") are negative.
    /// </summary>
    public static IReadOnlySet<string> CollegeEducation { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Some college but no degree",
        "Associates degree-occup /vocational",
        "Associates degree-academic program",
        "Bachelors degree(BA AB BS)",
        "Masters degree(MA MS MEng MEd MSW MBA)",
        "Prof school degree (MD DDS DVM LLB JD)",
        "Doctorate degree(PhD EdD)",
    };

    /// <summary>True for "50000+.", false for "- 50000.", null otherwise (the trailing dot is optional).</summary>
    public static bool? IsHighIncome(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.TrimEnd('.').Trim() switch
        {
            "50000+" => true,
            "- 50000" or "-50000" => false,
            _ => null,
        };
    }

    /// <summary>The marital task: marital_stat is "Never married".</summary>
    public static bool IsNeverMarried(string? maritalStatus) => maritalStatus == "Never married";

    /// <summary>The education task: see <see cref="CollegeEducation"/>.</summary>
    public static bool IsCollege(string? education) => education is not null && CollegeEducation.Contains(education);
}
