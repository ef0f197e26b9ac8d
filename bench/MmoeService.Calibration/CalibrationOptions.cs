namespace MmoeService.Calibration;

/// <summary>
/// What the harness runs. A/A and known-effect experiments each have <see cref="UsersPerExperiment"/> users, looked
/// at every <see cref="LookEvery"/> users; the confidence sequence is tuned to the planned users. The power curve
/// doubles the users from <see cref="FirstPowerUsers"/> until raw A/B reaches 95% power or
/// <see cref="MaxPowerUsers"/>, with <see cref="PowerRepeats"/> experiments per point.
/// </summary>
public sealed record CalibrationOptions
{
    public int AaRepeats { get; init; } = 1_000;
    public int KnownEffectRepeats { get; init; } = 500;
    public int PowerRepeats { get; init; } = 200;
    public int UsersPerExperiment { get; init; } = 20_000;
    public int LookEvery { get; init; } = 500;
    public double TrueLift { get; init; } = 0.05;
    public double Alpha { get; init; } = 0.05;
    public int Seed { get; init; } = 17;
    public int FirstPowerUsers { get; init; } = 100;
    public int MaxPowerUsers { get; init; } = 102_400;
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    public UnitModel Model { get; init; } = new();
}
