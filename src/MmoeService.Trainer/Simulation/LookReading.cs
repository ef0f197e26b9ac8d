namespace MmoeService.Trainer.Simulation;

/// <summary>
/// One comparison read at one look of a simulated experiment: a line of <c>Simulation:Report</c>. Method "ab" is
/// a treatment arm's relative lift over control from the scorecard's comparisons; "interleaving" is the share of
/// units preferring treatment from its interleaving section (tested against 0.5, so its lift is share - 0.5).
/// </summary>
/// <param name="Run">Simulation:RunId.</param>
/// <param name="Design">Simulation:Design.</param>
/// <param name="Look">0-based look number; the last look is at the end of the run.</param>
/// <param name="Users">Users finished when the scorecard was read.</param>
/// <param name="Units">Units behind the comparison in the scorecard (both arms).</param>
/// <param name="Method">"ab" or "interleaving".</param>
/// <param name="Arm">The treatment arm.</param>
/// <param name="Task">The task (metric).</param>
/// <param name="Estimate">Relative lift (ab) or share - 0.5 (interleaving).</param>
/// <param name="Lower">Fixed-horizon 95% interval, lower end, same scale.</param>
/// <param name="Upper">Fixed-horizon 95% interval, upper end.</param>
/// <param name="PValue">Fixed-horizon p-value.</param>
/// <param name="AlwaysValidPValue">Always-valid p-value: the scorecard's own when it reports one, else <see cref="AlwaysValid"/> over its estimate and standard error.</param>
/// <param name="TrueLift">The true relative lift: 0 for A/A, δ for a known effect, the oracle's for a model comparison; null for interleaving.</param>
public sealed record LookReading(
    int Run, string Design, int Look, long Users, long Units, string Method, string Arm, string Task,
    double? Estimate, double? Lower, double? Upper, double? PValue, double? AlwaysValidPValue, double? TrueLift);
