namespace MmoeService.Contracts;

/// <summary>
/// A numeric input, standardised with statistics fitted on the training split only:
/// <c>encoded = (value - Mean) / Std</c>; a missing value encodes as 0 (the training mean).
/// </summary>
/// <param name="Name">Feature name as it appears in requests and data files.</param>
/// <param name="Mean">Training-split mean.</param>
/// <param name="Std">Training-split standard deviation; never 0 (a constant column gets 1).</param>
public sealed record NumericFeature(string Name, double Mean, double Std);
