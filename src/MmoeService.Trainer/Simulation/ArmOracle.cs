namespace MmoeService.Trainer.Simulation;

/// <summary>
/// The oracle's sums for one arm: expected clicks and satisfied clicks of every slate the arm showed, from the
/// world's true probabilities, and the impressions. Thread-safe; the simulator adds from many users at once.
/// </summary>
public sealed class ArmOracle
{
    private readonly Lock _gate = new();
    private double _clicks;
    private double _satisfied;
    private long _impressions;

    public void Add((double Clicks, double Satisfied) expected, int impressions)
    {
        lock (_gate)
        {
            _clicks += expected.Clicks;
            _satisfied += expected.Satisfied;
            _impressions += impressions;
        }
    }

    /// <summary>True expected CTR and satisfied-click rate per impression (0 with none).</summary>
    public (double Ctr, double Satisfaction, long Impressions) Rates()
    {
        lock (_gate)
        {
            return _impressions == 0 ? (0, 0, 0) : (_clicks / _impressions, _satisfied / _impressions, _impressions);
        }
    }
}
