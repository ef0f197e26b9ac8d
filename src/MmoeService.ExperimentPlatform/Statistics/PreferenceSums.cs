namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Interleaving outcomes summed over units: per unit, d = credit of treatment's items - credit of control's items
/// (clicks, or satisfied clicks) over all its interleaved requests; the unit prefers the team with more credit.
/// </summary>
public sealed record PreferenceSums(long Units, long PreferTreatment, long PreferControl, double SumDifference, double SumDifferenceSquares)
{
    public static PreferenceSums Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Adds one unit's credits.</summary>
    public PreferenceSums Add(double treatmentCredit, double controlCredit)
    {
        var d = treatmentCredit - controlCredit;
        return new(Units + 1, PreferTreatment + (d > 0 ? 1 : 0), PreferControl + (d < 0 ? 1 : 0), SumDifference + d, SumDifferenceSquares + d * d);
    }

    public static PreferenceSums operator +(PreferenceSums left, PreferenceSums right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Units + right.Units, left.PreferTreatment + right.PreferTreatment, left.PreferControl + right.PreferControl, left.SumDifference + right.SumDifference, left.SumDifferenceSquares + right.SumDifferenceSquares);
    }
}
