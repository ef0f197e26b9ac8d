namespace MmoeService.Contracts;

/// <summary>
/// Where a candidate's feature value comes from when a scoring request is encoded: the candidate's own
/// features first, then the request's context (shared by every candidate), else missing. The trainer
/// writes examples.json by this rule and the server encodes requests by it, so both agree on every row.
/// </summary>
public static class FeatureLookup
{
    /// <summary>The value of feature <paramref name="name"/> for one candidate.</summary>
    /// <param name="candidate">The candidate's own features; null when it has none.</param>
    /// <param name="context">The request's context features; null when there are none.</param>
    /// <param name="name">Feature name.</param>
    /// <returns>The candidate's value, else the context's, else <see cref="FeatureValue.Missing"/>.</returns>
    public static FeatureValue Resolve(
        IReadOnlyDictionary<string, FeatureValue>? candidate,
        IReadOnlyDictionary<string, FeatureValue>? context,
        string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (candidate is not null && candidate.TryGetValue(name, out var own))
        {
            return own;
        }

        return context is not null && context.TryGetValue(name, out var shared) ? shared : FeatureValue.Missing;
    }
}
