using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Conflict;

/// <summary>
/// The oracle ranking metric: users drawn by activity, each with a context and candidates drawn uniformly without
/// replacement (as the A/B simulator sends them); a model ranks every user's candidates by its score and the
/// metric is the world's TRUE expected number of satisfied clicks among its top <c>k</c>, averaged over users.
/// Because the truth is known, no feedback is sampled and the figure has no label noise.
/// </summary>
public sealed class OracleRanking
{
    private readonly float[] _satisfied;
    private readonly float[] _clicked;

    private OracleRanking(EncodedSplit rows, float[] satisfied, float[] clicked, int users, int candidates, int top)
    {
        Rows = rows;
        _satisfied = satisfied;
        _clicked = clicked;
        Users = users;
        Candidates = candidates;
        Top = top;
    }

    /// <summary>Encoded (user, candidate) rows, user by user.</summary>
    public EncodedSplit Rows { get; }

    public int Users { get; }

    public int Candidates { get; }

    public int Top { get; }

    /// <summary>True P(click and satisfied) of every row of <see cref="Rows"/>.</summary>
    public IReadOnlyList<float> TrueSatisfiedClicks => _satisfied;

    public static OracleRanking Create(RecommendationWorld world, FeatureEncoder encoder, int seed, int users, int candidates, int top)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(encoder);
        var random = RandomStreams.Create(seed, 7);
        var rows = new FeatureValue[users * candidates][];
        var satisfied = new float[rows.Length];
        var clicked = new float[rows.Length];
        var indices = Enumerable.Range(0, world.Items.Count).ToArray();
        for (var u = 0; u < users; u++)
        {
            var user = world.SampleImpression(random).User;
            var context = world.SampleContext(user, random);
            for (var c = 0; c < candidates; c++)
            {
                // Partial Fisher-Yates: the first `candidates` slots become a uniform sample without replacement.
                var pick = c + random.Next(indices.Length - c);
                (indices[c], indices[pick]) = (indices[pick], indices[c]);
                var impression = new RecommendationImpression(user, world.Items[indices[c]], context);
                var row = (u * candidates) + c;
                rows[row] = RecommendationWorld.FeatureRow(impression);
                clicked[row] = (float)world.ClickProbability(user, impression.Item, context);
                satisfied[row] = (float)world.SatisfactionProbability(user, impression.Item, context);
            }
        }

        var labels = new[] { new float[rows.Length], new float[rows.Length] };
        var encoded = EncodedSplit.Encode(new RawSplit(rows, labels), RecommendationWorld.Features, encoder);
        return new OracleRanking(encoded, satisfied, clicked, users, candidates, top);
    }

    /// <summary>Mean true satisfied clicks in each user's top k by <paramref name="scores"/> (one per row of <see cref="Rows"/>).</summary>
    public double SatisfiedClicks(ReadOnlySpan<float> scores) => Sum(scores, _satisfied);

    /// <summary>Mean true clicks in each user's top k by <paramref name="scores"/>.</summary>
    public double Clicks(ReadOnlySpan<float> scores) => Sum(scores, _clicked);

    /// <summary>The ceiling: ranking by the true satisfied-click probability itself.</summary>
    public double BestSatisfiedClicks() => Sum(_satisfied, _satisfied);

    /// <summary>True clicks of the ceiling ranking's top k.</summary>
    public double TruthClicks() => Sum(_satisfied, _clicked);

    /// <summary>The floor a ranking must beat: k random candidates.</summary>
    public double RandomSatisfiedClicks() => _satisfied.Average() * Top;

    /// <summary>The service's default ranking score: the product of the two task probabilities (exponents 1 and 1).</summary>
    public static float[] ProductScore(ReadOnlySpan<float> ctr, ReadOnlySpan<float> satisfaction)
    {
        var score = new float[ctr.Length];
        for (var i = 0; i < score.Length; i++)
        {
            score[i] = ctr[i] * satisfaction[i];
        }

        return score;
    }

    private double Sum(ReadOnlySpan<float> scores, float[] truth)
    {
        if (scores.Length != truth.Length)
        {
            throw new ArgumentException($"Expected {truth.Length} scores, got {scores.Length}.", nameof(scores));
        }

        var order = new int[Candidates];
        var keys = new float[Candidates];
        double total = 0;
        for (var u = 0; u < Users; u++)
        {
            var start = u * Candidates;
            for (var c = 0; c < Candidates; c++)
            {
                order[c] = start + c;
                keys[c] = -scores[start + c];
            }

            Array.Sort(keys, order);
            for (var k = 0; k < Top; k++)
            {
                total += truth[order[k]];
            }
        }

        return total / Users;
    }
}
