using MmoeService.Serving.Routing;
namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// The active experiment compiled for the hot path: arms in ordinal name order with cumulative bucket bounds,
/// coverage in buckets, or for an interleaving experiment the one interleaved decision every enrolled unit gets. Immutable; <see cref="ExperimentRouter"/> swaps in a new one when the configuration changes.
/// </summary>
internal sealed class RoutePlan
{
    private readonly (string Arm, string Model, int UpperBucket)[] _arms;
    private readonly Dictionary<string, string> _overrides;
    private readonly Dictionary<string, string> _models = new(StringComparer.Ordinal);
    private readonly RouteDecision _direct;
    private readonly RouteDecision? _stopped;
    private readonly RouteDecision? _notEnrolled;
    private readonly RouteDecision? _interleaved;
    private readonly string _experiment = string.Empty;
    private readonly string _salt = string.Empty;
    private readonly int _coverageBuckets;

    public RoutePlan(ExperimentOptions options)
    {
        Source = options;
        _direct = RouteDecision.Direct(options.DefaultModel);
        _arms = [];
        _overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(options.Active) || !options.Experiments.TryGetValue(options.Active, out var experiment))
        {
            return;
        }

        _experiment = options.Active;
        _salt = experiment.Salt;
        _coverageBuckets = (int)Math.Round(experiment.Coverage * (AssignmentHash.Buckets / 100.0));
        var upper = 0;
        _arms = experiment.Arms.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (a.Key, a.Value.Model, upper += a.Value.Weight * (AssignmentHash.Buckets / 100)))
            .ToArray();
        var control = experiment.Arms[experiment.Control].Model;
        _stopped = experiment.Status == ExperimentStatus.Stopped
            ? new RouteDecision(control, _experiment, experiment.Control, false, AssignmentReason.ExperimentStopped)
            : null;
        _notEnrolled = new RouteDecision(control, _experiment, experiment.Control, false, AssignmentReason.NotEnrolled);
        _overrides = new Dictionary<string, string>(experiment.Overrides, StringComparer.Ordinal);
        _models = experiment.Arms.ToDictionary(a => a.Key, a => a.Value.Model, StringComparer.Ordinal);
        if (experiment.Mode == ExperimentMode.Interleaving)
        {
            var treatment = experiment.Arms.First(a => a.Key != experiment.Control);
            _interleaved = new RouteDecision(control, _experiment, InterleavedArms.ArmName, true, AssignmentReason.Hash,
                new InterleavedArms(experiment.Control, control, treatment.Key, treatment.Value.Model));
        }
    }

    /// <summary>The configuration this plan was built from (reference identity tells the router when to rebuild).</summary>
    public ExperimentOptions Source { get; }

    public RouteDecision Route(string unitId)
    {
        if (_notEnrolled is null)
        {
            return _direct;
        }

        if (_stopped is not null)
        {
            return _stopped;
        }

        if (_overrides.TryGetValue(unitId, out var forced))
        {
            return new RouteDecision(_models[forced], _experiment, forced, true, AssignmentReason.Override);
        }

        if (AssignmentHash.EnrolmentBucket(_salt, unitId) >= _coverageBuckets)
        {
            return _notEnrolled;
        }

        // An interleaving experiment serves every enrolled unit both rankings; overrides above still force one arm (QA).
        if (_interleaved is not null)
        {
            return _interleaved;
        }

        var bucket = AssignmentHash.ArmBucket(_salt, unitId);
        foreach (var (arm, model, upperBucket) in _arms)
        {
            if (bucket < upperBucket)
            {
                return new RouteDecision(model, _experiment, arm, true, AssignmentReason.Hash);
            }
        }

        // Unreachable with weights summing to 100 (validated); the control arm is the safe answer regardless.
        return _notEnrolled;
    }
}
