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
    /// Visit <paramref name="request"/> of simulated user <paramref name="user"/>. Unit n takes the features and
    /// hidden taste of world user n mod |Users| (so runs larger than the world's population have twins, each
    /// its own experiment unit); the hour follows the user's device profile; candidates are drawn uniformly
    /// without replacement.
    /// </summary>
    public SimulatedVisit Visit(int user, int request)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfNegative(request);
        var random = VisitRandom(user, request, stream: 1);
        var persona = _world.Users[user % _world.Users.Count];
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

        var userId = $"sim{_options.Seed}-u{user:D7}";
        return new SimulatedVisit(user, request, userId, $"{userId}-r{request}", persona, context, candidates);
    }

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
    /// <see cref="PositionBias"/>(rank) · P_true(click), then satisfied with P_true(satisfied | click).
    /// Every shown item gets an event, clicked or not, so the scorecard's denominators are the impressions.
    /// </summary>
    public IReadOnlyList<SimulatedFeedback> React(SimulatedVisit visit, IReadOnlyList<string> rankedItemIds)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(rankedItemIds);
        var random = VisitRandom(visit.User, visit.Request, stream: 2);
        var events = new List<SimulatedFeedback>(rankedItemIds.Count);
        for (var position = 0; position < rankedItemIds.Count; position++)
        {
            var itemId = rankedItemIds[position];
            if (!_itemsById.TryGetValue(itemId, out var item))
            {
                throw new InvalidOperationException($"The service returned item '{itemId}', which request {visit.RequestId} did not send.");
            }

            // Two draws per item whatever happens, so one item's outcome never shifts another's random numbers.
            var clickDraw = random.NextDouble();
            var satisfactionDraw = random.NextDouble();
            var clicked = clickDraw < PositionBias(position + 1) * _world.ClickProbability(visit.Persona, item, visit.Context);
            var satisfied = clicked && satisfactionDraw < _world.SatisfactionGivenClickProbability(visit.Persona, item, visit.Context);
            events.Add(new SimulatedFeedback(visit.RequestId, itemId, clicked, satisfied));
        }

        return events;
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

    private Random VisitRandom(int user, int request, int stream) =>
        RandomStreams.Create(RandomStreams.Derive(RandomStreams.Derive(_options.Seed, user), request), stream);
}
