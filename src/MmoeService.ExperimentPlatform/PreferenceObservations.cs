namespace MmoeService.ExperimentPlatform;

/// <summary>
/// One task of an interleaving experiment's interleaved arm, summed over its units: per unit d = positives credited
/// to treatment's items - those credited to control's. Units without any credit have d = 0 and are counted only in
/// the arm's enrolled units.
/// </summary>
/// <param name="Task">Task name (a click, a satisfied click).</param>
/// <param name="PreferTreatment">Units with d &gt; 0.</param>
/// <param name="PreferControl">Units with d &lt; 0.</param>
/// <param name="SumDifference">Σd over units.</param>
/// <param name="SumDifferenceSquares">Σd² over units.</param>
public sealed record PreferenceObservations(string Task, long PreferTreatment, long PreferControl, double SumDifference, double SumDifferenceSquares);
