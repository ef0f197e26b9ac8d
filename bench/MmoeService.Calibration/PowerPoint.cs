namespace MmoeService.Calibration;

/// <summary>Power of each method's fixed-horizon test at one experiment size.</summary>
public sealed record PowerPoint(int Users, double Raw, double Cuped, double Interleaving, double InterleavingMeanDifference);
