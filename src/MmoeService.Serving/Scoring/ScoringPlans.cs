using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The <see cref="ScoringPlan"/> of each loaded model version, built on the version's first request and dropped
/// with its snapshot (a weak table, so a swapped-out version leaves no plan behind). Shared by the single-model and
/// the interleaved scoring paths; safe to use from many threads.
/// </summary>
public sealed class ScoringPlans(IOptions<ScoringOptions> options)
{
    private readonly ConditionalWeakTable<ModelSnapshot, ScoringPlan> _plans = new();
    private ConditionalWeakTable<ModelSnapshot, ScoringPlan>.CreateValueCallback? _newPlan;

    public ScoringPlan For(ModelSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _plans.TryGetValue(snapshot, out var plan) ? plan : _plans.GetValue(snapshot, _newPlan ??= NewPlan);
    }

    private ScoringPlan NewPlan(ModelSnapshot snapshot)
    {
        var settings = options.Value;
        return ScoringPlan.For(snapshot.TaskNames, [.. snapshot.TaskNames.Select(task => settings.Exponent(snapshot.Name, task))]);
    }
}
