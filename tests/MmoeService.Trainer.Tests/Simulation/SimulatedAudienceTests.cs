using System.Text.Json;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Simulation;
using Spectre.Console;

namespace MmoeService.Trainer.Tests.Jobs;

public sealed class SimulatedAudienceTests
{
    /// <summary>How the generated client writes a body: unset optional members are left out.</summary>
    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static readonly RecommendationWorld World = RecommendationWorld.Create(
        new SyntheticRecommendationOptions { Users = 300, Items = 400, Impressions = 1_000 }, 20180819);

    private static SimulationOptions Options(int seed = 1) => new() { Seed = seed, Candidates = 20, Shown = 10 };

    [Fact]
    public void PositionBias_FirstRanks_FollowTheLogDiscount()
    {
        Assert.Equal(1.0, SimulatedAudience.PositionBias(1), 12);
        Assert.Equal(1.0 / Math.Log2(3), SimulatedAudience.PositionBias(2), 12);
        Assert.Equal(0.5, SimulatedAudience.PositionBias(3), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAudience.PositionBias(0));
    }

    [Fact]
    public void Visit_SameSeed_ReplaysTheSameVisitAndOtherSeedDoesNot()
    {
        var a = new SimulatedAudience(World, Options()).Visit(7, 0);
        var b = new SimulatedAudience(World, Options()).Visit(7, 0);
        var other = new SimulatedAudience(World, Options(seed: 2)).Visit(7, 0);

        Assert.Equal(a.RequestId, b.RequestId);
        Assert.Equal(a.Context, b.Context);
        Assert.Equal(a.Candidates.Select(i => i.Id), b.Candidates.Select(i => i.Id));
        Assert.NotEqual(a.Candidates.Select(i => i.Id), other.Candidates.Select(i => i.Id));
        Assert.NotEqual(a.UserId, other.UserId);
    }

    [Fact]
    public void Visit_UsersBeyondThePopulation_AreNewUnitsWithATwinPersona()
    {
        var audience = new SimulatedAudience(World, Options());
        var first = audience.Visit(5, 0);
        var twin = audience.Visit(5 + World.Users.Count, 0);

        Assert.Same(first.Persona, twin.Persona);
        Assert.NotEqual(first.UserId, twin.UserId);
        Assert.Equal(20, first.Candidates.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void ScoreRequest_Visit_SendsContextFeaturesCandidatesAndTopK()
    {
        var audience = new SimulatedAudience(World, Options());
        var visit = audience.Visit(3, 1);

        using var body = JsonSerializer.SerializeToDocument(audience.ScoreRequest(visit), Wire);
        var root = body.RootElement;

        Assert.Equal(visit.UserId, root.GetProperty("userId").GetString());
        Assert.Equal(visit.RequestId, root.GetProperty("requestId").GetString());
        Assert.Equal(10, root.GetProperty("topK").GetInt32());
        var context = root.GetProperty("context");
        Assert.Equal(visit.Persona.Age, context.GetProperty(RecommendationWorld.AgeFeature).GetInt32());
        Assert.Equal(visit.Persona.Country, context.GetProperty(RecommendationWorld.CountryFeature).GetString());
        Assert.Equal(visit.Persona.Device, context.GetProperty(RecommendationWorld.DeviceFeature).GetString());
        Assert.Equal(visit.Context.Hour, context.GetProperty(RecommendationWorld.HourFeature).GetInt32());
        var candidates = root.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(20, candidates.Length);
        var item = visit.Candidates[4];
        var features = candidates[4].GetProperty("features");
        Assert.Equal(item.Id, candidates[4].GetProperty("itemId").GetString());
        Assert.Equal(item.Category, features.GetProperty(RecommendationWorld.CategoryFeature).GetString());
        Assert.Equal(item.DurationMinutes, features.GetProperty(RecommendationWorld.DurationFeature).GetDouble());
        Assert.Equal(item.Popularity, features.GetProperty(RecommendationWorld.PopularityFeature).GetDouble());
    }

    [Fact]
    public void React_ManyVisits_ClicksMatchTrueProbabilityTimesPositionBias()
    {
        var audience = new SimulatedAudience(World, Options());
        double expectedTop = 0, expectedLast = 0, observedTop = 0, observedLast = 0, varianceTop = 0, varianceLast = 0;
        var satisfiedWithoutClick = 0;
        for (var user = 0; user < 6_000; user++)
        {
            var visit = audience.Visit(user, 0);
            var ranked = visit.Candidates.Take(10).Select(i => i.Id).ToArray();
            var events = audience.React(visit, ranked);
            Assert.Equal(ranked, events.Select(e => e.ItemId));
            satisfiedWithoutClick += events.Count(e => e.Satisfied && !e.Clicked);

            var top = SimulatedAudience.PositionBias(1) * World.ClickProbability(visit.Persona, visit.Candidates[0], visit.Context);
            var last = SimulatedAudience.PositionBias(10) * World.ClickProbability(visit.Persona, visit.Candidates[9], visit.Context);
            (expectedTop, varianceTop, observedTop) = (expectedTop + top, varianceTop + (top * (1 - top)), observedTop + (events[0].Clicked ? 1 : 0));
            (expectedLast, varianceLast, observedLast) = (expectedLast + last, varianceLast + (last * (1 - last)), observedLast + (events[9].Clicked ? 1 : 0));
        }

        Assert.Equal(0, satisfiedWithoutClick);
        Assert.InRange(observedTop, expectedTop - (4 * Math.Sqrt(varianceTop)), expectedTop + (4 * Math.Sqrt(varianceTop)));
        Assert.InRange(observedLast, expectedLast - (4 * Math.Sqrt(varianceLast)), expectedLast + (4 * Math.Sqrt(varianceLast)));

        // The discount is what makes ranking matter: the same true appeal earns ~3.3x more clicks at rank 1 than at rank 10.
        Assert.True(observedTop > 2 * observedLast, $"rank 1 got {observedTop} clicks, rank 10 {observedLast}");
    }

    [Fact]
    public void React_SameVisitAndRanking_IsDeterministic()
    {
        var audience = new SimulatedAudience(World, Options());
        var visit = audience.Visit(11, 0);
        var ranked = visit.Candidates.Select(i => i.Id).Reverse().Take(10).ToArray();

        Assert.Equal(audience.React(visit, ranked), audience.React(visit, ranked));
    }

    [Fact]
    public void React_ItemTheRequestDidNotSend_Throws()
    {
        var audience = new SimulatedAudience(World, Options());
        var visit = audience.Visit(0, 0);

        Assert.Throws<InvalidOperationException>(() => audience.React(visit, ["not-an-item"]));
    }

    [Fact]
    public void FeedbackRequest_Events_UsesTheFeedbackContract()
    {
        var body = SimulatedAudience.FeedbackRequest([new SimulatedFeedback("r1", "i00001", Clicked: true, Satisfied: false)]);

        Assert.Equal("""{"events":[{"requestId":"r1","itemId":"i00001","clicked":true,"satisfied":false}]}""", JsonSerializer.Serialize(body, Wire));
    }

    [Fact]
    public void ScorecardSummary_Scorecard_PrintsArmsLiftWithIntervalAndSrm()
    {
        using var scorecard = JsonDocument.Parse("""
            {"experiment":"x","arms":[
              {"arm":"sb","model":"sb","control":true,"enrolledUnits":10,"requests":10,"impressions":100,"tasks":[
               {"task":"ctr","rate":{"value":0.05,"lower":0.04,"upper":0.06}},{"task":"satisfaction","rate":{"value":0.03,"lower":null,"upper":null}}]},
              {"arm":"mmoe","model":"mmoe","control":false,"enrolledUnits":12,"requests":12,"impressions":120,"tasks":[
               {"task":"ctr","rate":{"value":0.058,"lower":0.05,"upper":0.066}},{"task":"satisfaction","rate":{"value":0.04,"lower":0.03,"upper":0.05}}]}],
             "comparisons":[{"arm":"mmoe","tasks":[{"task":"ctr","lift":{"control":0.05,"treatment":0.058,"absolute":0.008,"absoluteLower":-0.001,"absoluteUpper":0.017,
               "relative":0.16,"relativeLower":-0.02,"relativeUpper":0.34,"pValue":0.0812}},
               {"task":"satisfaction","lift":{"control":0.03,"treatment":0.04,"absolute":0.01,"pValue":null}}]}],
             "sampleRatio":{"chiSquare":0.18,"degreesOfFreedom":1,"pValue":0.67,"mismatch":false}}
            """);
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        console.Write(ScorecardSummary.Render(scorecard));

        var text = writer.ToString();
        Assert.Contains("sb (control)", text, StringComparison.Ordinal);
        Assert.Contains("+0.800% [-0.100%, +1.700%]", text, StringComparison.Ordinal);
        Assert.Contains("0.0812", text, StringComparison.Ordinal);
        Assert.Contains("3.000% [n/a, n/a]", text, StringComparison.Ordinal);
        Assert.Contains("p 0.6700: ok", text, StringComparison.Ordinal);
    }
}
