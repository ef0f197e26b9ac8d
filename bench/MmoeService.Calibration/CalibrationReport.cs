namespace MmoeService.Calibration;

/// <summary>Everything a run measured: the JSON result plus the curves behind the plots.</summary>
/// <param name="Options">What was run.</param>
/// <param name="Result">Rows and sensitivity, as written to calibration.json.</param>
/// <param name="Power">Power against users for the known effect (CTR).</param>
/// <param name="PeekingByLook">Share of A/A experiments whose fixed-horizon test had rejected by each look (CTR).</param>
/// <param name="AlwaysValidByLook">The same for the always-valid test.</param>
/// <param name="MeanVarianceReduction">CUPED's mean variance reduction at the horizon by metric, over known-effect experiments.</param>
public sealed record CalibrationReport(
    CalibrationOptions Options,
    CalibrationResult Result,
    IReadOnlyList<PowerPoint> Power,
    IReadOnlyList<double> PeekingByLook,
    IReadOnlyList<double> AlwaysValidByLook,
    IReadOnlyDictionary<string, double> MeanVarianceReduction);
