using System.Text.Json;
using MmoeService.Client;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Simulation;
using Spectre.Console;

namespace MmoeService.Trainer.Tests.Simulation;

public sealed class SimulatedAudienceTests
{
    /// <summary>How the generated client writes a body: unset optional members are left out.</summary>
    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static readonly RecommendationWorld World = RecommendationWorld.Create(
        new SyntheticRecommendationOptions { Users = 300, Items = 400, Impressions = 1_000 }, 20180819);

    private static SimulationOptions Options(int seed = 1, int users = 20_000, int runId = 0) => new() { Seed = seed, Candidates = 20, Shown = 10, Users = users, RunId = runId };

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
        // The seed draws other visits of the same people: the unit is the person, the request ids differ.
        Assert.Equal(a.UserId, other.UserId);
        Assert.NotEqual(a.RequestId, other.RequestId);
    }

    [Fact]
    public void Visit_DisjointRuns_ShareNoPeople()
    {
        var first = new SimulatedAudience(World, Options(users: 500, runId: 0));
        var second = new SimulatedAudience(World, Options(users: 500, runId: 1));

        var a = Enumerable.Range(0, 500).Select(u => first.Visit(u, 0)).ToArray();
        var b = Enumerable.Range(0, 500).Select(u => second.Visit(u, 0)).ToArray();

        Assert.Empty(a.Select(v => v.UserId).Intersect(b.Select(v => v.UserId)));
        Assert.Equal(500, a.Select(v => v.UserId).Distinct().Count());
        // Far more people than the world's 300 stored users, and every one drawn afresh: tastes do not repeat.
        Assert.Equal(1_000, a.Concat(b).Select(v => v.Persona.Taste[0]).Distinct().Count());
        Assert.Equal(20, a[0].Candidates.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Visit_PrePeriod_IsTheSamePersonOnAnotherVisit()
    {
        var audience = new SimulatedAudience(World, Options());

        var during = audience.Visit(9, 0);
        var before = audience.Visit(9, 0, prePeriod: true);

        Assert.Equal(during.UserId, before.UserId);
        Assert.Equal(during.Persona.Taste, before.Persona.Taste);
        Assert.NotEqual(during.RequestId, before.RequestId);
        Assert.NotEqual(during.Candidates.Select(i => i.Id), before.Candidates.Select(i => i.Id));
        Assert.True(before.PrePeriod);
    }

    [Fact]
    public void ClickProbability_KnownEffect_MultipliesTheTrueProbabilityByOnePlusDelta()
    {
        var audience = new SimulatedAudience(World, Options());
        var visit = audience.Visit(4, 0);
        var shown = visit.Candidates.Take(10).Select(i => i.Id).ToArray();

        for (var rank = 1; rank <= 10; rank++)
        {
            var item = visit.Candidates[rank - 1];
            Assert.Equal(1.05 * audience.ClickProbability(visit, item, rank), audience.ClickProbability(visit, item, rank, effect: 1.05), 12);
        }

        var (clicks, satisfied) = audience.Expected(visit, shown);
        var (boostedClicks, boostedSatisfied) = audience.Expected(visit, shown, effect: 1.05);
        Assert.Equal(1.05 * clicks, boostedClicks, 12);
        Assert.Equal(1.05 * satisfied, boostedSatisfied, 12);
    }

    [Fact]
    public void React_KnownEffect_RaisesClicksByDelta()
    {
        var audience = new SimulatedAudience(World, Options());
        long plain = 0, boosted = 0;
        double expected = 0;
        for (var user = 0; user < 4_000; user++)
        {
            var visit = audience.Visit(user, 0);
            var shown = visit.Candidates.Take(10).Select(i => i.Id).ToArray();
            plain += audience.React(visit, shown).Count(e => e.Clicked);
            boosted += audience.React(visit, shown, effect: 1.5).Count(e => e.Clicked);
            expected += audience.Expected(visit, shown).Clicks;
        }

        // Same draws, higher thresholds: every plain click is still a click, and the boosted count is near 1.5x the truth.
        Assert.True(boosted >= plain);
        Assert.InRange(boosted, 1.5 * expected - 4 * Math.Sqrt(1.5 * expected), 1.5 * expected + 4 * Math.Sqrt(1.5 * expected));
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

    [Fact]
    public void RequireOneModel_ArmsServingTwoModels_Throws()
    {
        ExperimentSummary Experiment(string name, params string[] models) =>
            new() { Name = name, Arms = [.. models.Select((m, i) => new ArmDesign { Name = "arm" + i, Model = m, Weight = 50 })] };
        ExperimentSummary[] experiments = [Experiment("aa", "mmoe", "mmoe"), Experiment("ab", "shared-bottom", "mmoe")];

        SimulationJob.RequireOneModel(experiments, "aa");
        Assert.Contains("serves shared-bottom, mmoe", Assert.Throws<InvalidOperationException>(() => SimulationJob.RequireOneModel(experiments, "ab")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => SimulationJob.RequireOneModel(experiments, "missing"));
    }

    [Theory]
    [InlineData(SimulationDesign.AA, 0.0)]
    [InlineData(SimulationDesign.KnownEffect, 0.05)]
    public void Readings_CalibrationDesigns_CarryTheKnownTrueLift(SimulationDesign design, double truth)
    {
        using var scorecard = JsonDocument.Parse("""
            {"controlArm":"control","arms":[{"arm":"control","enrolledUnits":600},{"arm":"treatment","enrolledUnits":400}],
             "comparisons":[{"arm":"treatment","tasks":[{"task":"ctr","lift":{"absolute":0.002,"absoluteLower":-0.001,"absoluteUpper":0.005,
               "relative":0.04,"relativeLower":-0.02,"relativeUpper":0.10,"pValue":0.19}}]}]}
            """);
        var options = new SimulationOptions { Design = design, Effect = 0.05, TreatmentArm = "treatment", RunId = 3 };

        var reading = Assert.Single(SimulationJob.Readings(options, scorecard, look: 2, users: 1_000, new Dictionary<string, ArmOracle>()));

        Assert.Equal((3, 2, 1_000L, "ab", "ctr", 0.04, 0.19), (reading.Run, reading.Look, reading.Units, reading.Method, reading.Task, reading.Estimate!.Value, reading.PValue!.Value));
        Assert.Equal(truth, reading.TrueLift);

        // No always-valid reading in the scorecard: computed from the Wald interval's SE, and never below the fixed p.
        Assert.Equal(AlwaysValid.PValue(0.002, 0.006 / (2 * 1.959963984540054), 1_000), reading.AlwaysValidPValue!.Value, 12);
        Assert.True(reading.AlwaysValidPValue > reading.PValue);
    }

    [Fact]
    public void Readings_ModelComparison_TrueLiftIsTheOraclesRatio()
    {
        using var scorecard = JsonDocument.Parse("""
            {"controlArm":"sb","arms":[{"arm":"sb","enrolledUnits":5},{"arm":"mmoe","enrolledUnits":5}],
             "comparisons":[{"arm":"mmoe","tasks":[{"task":"ctr","lift":{"relative":0.1,"pValue":0.5}},{"task":"satisfaction","lift":{"relative":0.1,"pValue":0.5}}]}]}
            """);
        var control = new ArmOracle();
        control.Add((Clicks: 1.0, Satisfied: 0.5), impressions: 10);
        var treatment = new ArmOracle();
        treatment.Add((Clicks: 1.2, Satisfied: 0.4), impressions: 10);

        var readings = SimulationJob.Readings(new SimulationOptions(), scorecard, 0, 10, new Dictionary<string, ArmOracle> { ["sb"] = control, ["mmoe"] = treatment });

        Assert.Equal(0.2, readings.Single(r => r.Task == "ctr").TrueLift!.Value, 12);
        Assert.Equal(-0.2, readings.Single(r => r.Task == "satisfaction").TrueLift!.Value, 12);
    }
}
