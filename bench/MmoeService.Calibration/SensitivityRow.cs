namespace MmoeService.Calibration;

/// <summary>Users per experiment at which a method reaches 80% power at the stated true lift; null if never within the grid.</summary>
public sealed record SensitivityRow(string Method, double? UsersFor80Power);
