using MmoeService.Client;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Simulation;

/// <summary>
/// The simulator's pure half: builds each user's visits and decides their reactions from the world's TRUE
/// probabilities; no HTTP, no clock, so it is tested directly. Every visit draws from its own random stream
/// derived from (seed, visit), so the outcome does not depend on concurrency or on the order answers arrive in.
/// </summary>
public sealed class SimulatedAudience
{
    private readonly RecommendationWorld _world;
    private readonly SimulationOptions _options;
    private readonly Dictionary<string, RecommendationItem> _itemsById;

    public SimulatedAudience(RecommendationWorld world, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Candidates > world.Items.Count)
        {
            throw new ArgumentException($"Simulation:Candidates ({options.Candidates}) exceeds the world's {world.Items.Count} items.", nameof(options));
        }

        _world = world;
        _options = options;
        _itemsById = world.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Position bias: the chance a user even examines the item at 1-based <paramref name="rank"/>, 1/log2(rank + 1)
    /// (the DCG discount: 1 at rank 1, 0.63 at 2, 0.5 at 3, 0.29 at 10). A click needs examination and appeal,
    /// P(click) = bias(rank) · P_true(click), so putting the right items on top is what earns clicks.
    /// </summary>
    public static double PositionBias(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        return 1.0 / Math.Log2(rank + 1);
    }

    /// <summary>
    /// Visit <paramref name="request"/> of simulated user <paramref name="user"/> (of the experiment, or of its
    /// pre-period). The unit is person <see cref="SimulationOptions.Person"/> of the world's population, drawn by
    /// its index alone (<see cref="Persona"/>), so it is the same person in both phases and in no other run; the
    /// hour follows the user's device profile; candidates are drawn uniformly without replacement.
    /// </summary>
    public SimulatedVisit Visit(int user, int request, bool prePeriod = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfNegative(request);
        var person = _options.Person(user);
        var random = VisitRandom(person, request, stream: prePeriod ? 3 : 1);
        var persona = Persona(person);
        var context = _world.SampleContext(persona, random);
        var chosen = new HashSet<int>();
        var candidates = new List<RecommendationItem>(_options.Candidates);
        while (candidates.Count < _options.Candidates)
        {
            var index = random.Next(_world.Items.Count);
            if (chosen.Add(index))
            {
                candidates.Add(_world.Items[index]);
            }
        }

        var userId = $"sim-p{person:D8}";
        var requestId = $"{userId}-s{_options.Seed}-{(prePeriod ? "pre" : "r")}{request}";
        return new SimulatedVisit(user, request, userId, requestId, persona, context, candidates) { PrePeriod = prePeriod };
    }

    /// <summary>Person <paramref name="person"/> of the world's population: a function of the world's seed and the index only.</summary>
    public RecommendationUser Persona(int person) =>
        _world.SampleUser(person, RandomStreams.Create(RandomStreams.Derive(_world.Seed, person), 7));

    /// <summary>The <c>POST /score</c> body: user and moment features in <c>context</c>, item features per candidate.</summary>
    public ScoreRequest ScoreRequest(SimulatedVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new ScoreRequest
        {
            UserId = visit.UserId,
            RequestId = visit.RequestId,
            Context = new Dictionary<string, object>
            {
                [RecommendationWorld.AgeFeature] = visit.Persona.Age,
                [RecommendationWorld.CountryFeature] = visit.Persona.Country,
                [RecommendationWorld.DeviceFeature] = visit.Persona.Device,
                [RecommendationWorld.HourFeature] = visit.Context.Hour,
            },
            Candidates = [.. visit.Candidates.Select(item => new ScoreCandidate
            {
                ItemId = item.Id,
                Features = new Dictionary<string, object>
                {
                    [RecommendationWorld.CategoryFeature] = item.Category,
                    [RecommendationWorld.DurationFeature] = item.DurationMinutes,
                    [RecommendationWorld.PopularityFeature] = item.Popularity,
                },
            })],
            TopK = _options.Shown,
        };
    }

    /// <summary>
    /// The user's reaction to the items as ranked by the service (best first): click with probability
    /// <see cref="ClickProbability"/>, then satisfied with P_true(satisfied | click).
    /// Every shown item gets an event, clicked or not, so the scorecard's denominators are the impressions.
    /// </summary>
    /// <param name="visit">The visit.</param>
    /// <param name="rankedItemIds">The answer's items, best first.</param>
    /// <param name="effect">The world's multiplier of the true click probability for this visit's arm (1 + δ for a known effect's treatment, else 1).</param>
    public IReadOnlyList<SimulatedFeedback> React(SimulatedVisit visit, IReadOnlyList<string> rankedItemIds, double effect = 1)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(rankedItemIds);
        var random = VisitRandom(_options.Person(visit.User), visit.Request, stream: visit.PrePeriod ? 4 : 2);
        var events = new List<SimulatedFeedback>(rankedItemIds.Count);
        for (var position = 0; position < rankedItemIds.Count; position++)
        {
            var itemId = rankedItemIds[position];
            var item = Item(visit, itemId);

            // Two draws per item whatever happens, so one item's outcome never shifts another's random numbers.
            var clickDraw = random.NextDouble();
            var satisfactionDraw = random.NextDouble();
            var clicked = clickDraw < ClickProbability(visit, item, position + 1, effect);
            var satisfied = clicked && satisfactionDraw < _world.SatisfactionGivenClickProbability(visit.Persona, item, visit.Context);
            events.Add(new SimulatedFeedback(visit.RequestId, itemId, clicked, satisfied));
        }

        return events;
    }

    /// <summary>
    /// The oracle: the expected clicks and satisfied clicks of the slate shown, from the world's true probabilities
    /// (Σ over shown items of P(click) and P(click) · P_true(satisfied | click)). The scorecard never sees it; the
    /// report sets it beside the measured rates, so a measured lift can be compared with the true one.
    /// </summary>
    public (double Clicks, double Satisfied) Expected(SimulatedVisit visit, IReadOnlyList<string> rankedItemIds, double effect = 1)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(rankedItemIds);
        double clicks = 0, satisfied = 0;
        for (var position = 0; position < rankedItemIds.Count; position++)
        {
            var item = Item(visit, rankedItemIds[position]);
            var click = ClickProbability(visit, item, position + 1, effect);
            clicks += click;
            satisfied += click * _world.SatisfactionGivenClickProbability(visit.Persona, item, visit.Context);
        }

        return (clicks, satisfied);
    }

    /// <summary>
    /// P(click) of <paramref name="item"/> at 1-based <paramref name="rank"/>: <see cref="PositionBias"/>(rank) ·
    /// P_true(click) · <paramref name="effect"/>, at most 1. The effect multiplies the world's truth, so a known effect
    /// δ changes both the click rate and the satisfied-click rate (P(click) · P(satisfied | click)) by exactly 1 + δ.
    /// </summary>
    public double ClickProbability(SimulatedVisit visit, RecommendationItem item, int rank, double effect = 1)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return Math.Min(1, PositionBias(rank) * _world.ClickProbability(visit.Persona, item, visit.Context) * effect);
    }

    /// <summary>The <c>POST /feedback</c> body: <c>{ "events": [ { requestId, itemId, clicked, satisfied } ] }</c>.</summary>
    public static FeedbackRequest FeedbackRequest(IEnumerable<SimulatedFeedback> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new FeedbackRequest
        {
            Events = [.. events.Select(e => new FeedbackEventBody { RequestId = e.RequestId, ItemId = e.ItemId, Clicked = e.Clicked, Satisfied = e.Satisfied })],
        };
    }

    private RecommendationItem Item(SimulatedVisit visit, string itemId) =>
        _itemsById.TryGetValue(itemId, out var item)
            ? item
            : throw new InvalidOperationException($"The service returned item '{itemId}', which request {visit.RequestId} did not send.");

    private Random VisitRandom(int person, int request, int stream) =>
        RandomStreams.Create(RandomStreams.Derive(RandomStreams.Derive(_options.Seed, person), request), stream);
}
