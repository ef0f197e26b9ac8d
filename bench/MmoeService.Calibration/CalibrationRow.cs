using System.Text.Json.Serialization;

namespace MmoeService.Calibration;

/// <summary>
/// One (design, method, metric) of calibration.json. Rate is the share of experiments that declared a difference,
/// [Lower, Upper] its Wilson 95% interval; for known-effect also the true lift and the interval's coverage of it.
/// </summary>
public sealed record CalibrationRow(
    string Design,
    string Method,
    string Metric,
    int Repeats,
    int UsersPerExperiment,
    int Looks,
    int Rejections,
    double Rate,
    double Lower,
    double Upper,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TrueLift = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Coverage = null);
