namespace MmoeService.Calibration;

/// <summary>The content of docs/experiments/calibration.json.</summary>
public sealed record CalibrationResult(IReadOnlyList<CalibrationRow> Rows, IReadOnlyList<SensitivityRow> Sensitivity);
