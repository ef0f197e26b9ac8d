namespace MmoeService.Contracts;

/// <summary>
/// Where a candidate's feature value comes from when a request splits features into a shared context and
/// per-candidate features: the candidate's own value first, then the context's, else missing. Training
/// examples and served requests resolve features the same way.
/// </summary>
public static class FeatureLookup
{
    /// <summary>The value of <paramref name="name"/> for one candidate.</summary>
    /// <param name="candidate">The candidate's own features, or null.</param>
    /// <param name="context">Features shared by every candidate of the request, or null.</param>
    /// <param name="name">Feature name.</param>
    public static FeatureValue Resolve(
        IReadOnlyDictionary<string, FeatureValue>? candidate,
        IReadOnlyDictionary<string, FeatureValue>? context,
        string name) =>
        candidate is not null && candidate.TryGetValue(name, out var own) ? own
        : context is not null && context.TryGetValue(name, out var shared) ? shared
        : FeatureValue.Missing;
}
