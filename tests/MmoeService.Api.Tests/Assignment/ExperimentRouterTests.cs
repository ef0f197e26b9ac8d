using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using Prometheus;
using MmoeService.Serving.Routing;
using MmoeService.ExperimentPlatform;

namespace MmoeService.Api.Tests.Assignment;

[Trait("Kind", "Unit")]
public sealed class ExperimentRouterTests
{
    private const string Salt = "mmoe-vs-shared-bottom-2026-12";

    [Fact]
    public void Router_SameUser_GetsSameArm()
    {
        var router = Router(Experiment());

        var first = router.Route("u-1842");

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(first, router.Route("u-1842")));
        Assert.Equal(first, Router(Experiment()).Route("u-1842"));
    }

    // Reference values from an independent implementation (python3):
    //   b = lambda k: int.from_bytes(hashlib.sha256(k.encode()).digest()[:8], "big") % 10000
    //   b("mmoe-vs-shared-bottom-2026-12:u-1842") == 923,  b("mmoe-vs-shared-bottom-2026-12:arm:u-1842") == 2504
    //   b("mmoe-vs-shared-bottom-2026-12:u-1") == 6592,    b("mmoe-vs-shared-bottom-2026-12:arm:u-1") == 3738
    //   b("s:alice") == 163, b("s:arm:alice") == 4004; b("s:bob") == 9669, b("s:arm:bob") == 6493; b("s:Zoë") == 5037, b("s:arm:Zoë") == 7238
    [Theory]
    [InlineData(Salt, "u-1842", 923, 2504)]
    [InlineData(Salt, "u-1", 6592, 3738)]
    [InlineData("s", "alice", 163, 4004)]
    [InlineData("s", "bob", 9669, 6493)]
    [InlineData("s", "Zoë", 5037, 7238)]
    public void AssignmentHash_KnownKeys_MatchReferenceBuckets(string salt, string unit, int enrolment, int arm)
    {
        Assert.Equal(enrolment, AssignmentHash.EnrolmentBucket(salt, unit));
        Assert.Equal(arm, AssignmentHash.ArmBucket(salt, unit));
    }

    [Fact]
    public void Router_KnownUser_LandsInTheArmItsBucketSelects()
    {
        // Arms in ordinal order: "mmoe" owns arm buckets 0..4999, "shared-bottom" 5000..9999.
        var router = Router(Experiment());

        Assert.Equal(new RouteDecision("mmoe", "ab", "mmoe", true, AssignmentReason.Hash), router.Route("u-1842"));       // arm bucket 2504
        Assert.Equal(new RouteDecision("mmoe", "ab", "mmoe", true, AssignmentReason.Hash), router.Route("u-1"));          // arm bucket 3738
    }

    [Fact]
    public void Router_20000Users_SplitByWeightsWithinBinomialBound()
    {
        var router = Router(Experiment(mmoeWeight: 30));
        const int users = 20_000;

        var mmoe = Enumerable.Range(0, users).Count(i => router.Route(Unit(i)).Arm == "mmoe");

        // Binomial(20,000, 0.3): sd = sqrt(n p (1 - p)) = 64.8; 4.5 sd is about 292 (false alarm < 1e-5).
        Assert.InRange(mmoe, 6000 - 292, 6000 + 292);
    }

    [Fact]
    public void Router_CoverageRaisedFrom20To60_MovesNoEnrolledUser()
    {
        var configuration = Configuration(Experiment(coverage: 20));
        var router = new ExperimentRouter(configuration);
        var before = Enumerable.Range(0, 5_000).Select(i => router.Route(Unit(i))).ToArray();

        Assert.True(configuration.Offer(Experiment(coverage: 60)).Succeeded);
        var after = Enumerable.Range(0, 5_000).Select(i => router.Route(Unit(i))).ToArray();

        var enrolledBefore = Enumerable.Range(0, 5_000).Where(i => before[i].Enrolled).ToArray();
        Assert.InRange(enrolledBefore.Length, 850, 1150);                     // ~20 % of 5,000
        Assert.All(enrolledBefore, i => Assert.Equal(before[i], after[i]));
        Assert.InRange(after.Count(d => d.Enrolled), 2_800, 3_200);           // ~60 % of 5,000
    }

    [Fact]
    public void Router_UserOutsideCoverage_GetsControlNotEnrolled()
    {
        var router = Router(Experiment(coverage: 60));

        // "u-1" has enrolment bucket 6592 >= 6000.
        Assert.Equal(new RouteDecision("shared-bottom", "ab", "shared-bottom", false, AssignmentReason.NotEnrolled), router.Route("u-1"));
    }

    [Fact]
    public void Router_Override_ForcesTheArm()
    {
        var experiment = Experiment();
        experiment.Experiments["ab"].Overrides["u-1842"] = "shared-bottom";    // the hash would say mmoe

        var decision = Router(experiment).Route("u-1842");

        Assert.Equal(new RouteDecision("shared-bottom", "ab", "shared-bottom", true, AssignmentReason.Override), decision);
    }

    [Fact]
    public void Router_StoppedExperiment_SendsEveryoneToControl()
    {
        var experiment = Experiment();
        experiment.Experiments["ab"].Status = ExperimentStatus.Stopped;
        experiment.Experiments["ab"].Overrides["u-1842"] = "mmoe";
        var router = Router(experiment);

        Assert.All(new[] { "u-1842", "u-1", "u-2" }, unit => Assert.Equal(
            new RouteDecision("shared-bottom", "ab", "shared-bottom", false, AssignmentReason.ExperimentStopped), router.Route(unit)));
    }

    [Fact]
    public void Router_NoActiveExperiment_RoutesToDefaultModel()
    {
        var options = Experiment();
        options.Active = null;

        Assert.Equal(RouteDecision.Direct("mmoe"), Router(options).Route("u-1842"));
    }

    [Fact]
    public void Configuration_InvalidReload_IsRefusedAndOldConfigKeepsRouting()
    {
        var registry = Metrics.NewCustomRegistry();
        var monitor = new TestOptionsMonitor<ExperimentOptions>(Experiment());
        using var configuration = new ExperimentConfiguration(monitor, Validator(), NullLogger<ExperimentConfiguration>.Instance, new AssignmentMetrics(registry));
        var router = new ExperimentRouter(configuration);
        var original = configuration.Current;
        var broken = Experiment(mmoeWeight: 70);
        broken.Experiments["ab"].Arms["shared-bottom"].Weight = 50;         // sums to 120

        monitor.Set(broken);

        Assert.Same(original, configuration.Current);
        Assert.Equal("mmoe", router.Route("u-1842").Arm);
        Assert.Contains("mmoe_experiment_config_changes_total{outcome=\"rejected\"} 1", Export(registry), StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_ValidReload_ChangesRouting()
    {
        var monitor = new TestOptionsMonitor<ExperimentOptions>(Experiment());
        using var configuration = new ExperimentConfiguration(monitor, Validator(), NullLogger<ExperimentConfiguration>.Instance, new AssignmentMetrics(Metrics.NewCustomRegistry()));
        var router = new ExperimentRouter(configuration);
        Assert.Equal("mmoe", router.Route("u-1842").Arm);

        monitor.Set(Experiment(mmoeWeight: 0));

        Assert.Equal("shared-bottom", router.Route("u-1842").Arm);
    }

    [Fact]
    public void Configuration_InvalidAtStart_Throws()
    {
        var broken = Experiment();
        broken.Experiments["ab"].Salt = "";

        var error = Assert.Throws<OptionsValidationException>(() => Configuration(broken));

        Assert.Contains("Experiments:Experiments:ab:Salt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_EveryProblem_IsReportedAtOnceNamingTheKey()
    {
        var options = Experiment();
        var ab = options.Experiments["ab"];
        ab.Salt = " ";
        ab.Coverage = 101;
        ab.Control = "baseline";
        ab.Arms["mmoe"].Model = "wide-and-deep";
        ab.Arms["mmoe"].Weight = 60;
        ab.Arms["MMOE"] = new ArmDefinition { Model = "mmoe", Weight = 0 };
        ab.Overrides["qa-1"] = "nope";

        var failures = Validator().Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Salt", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Coverage", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Control 'baseline'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Arms:mmoe:Model 'wide-and-deep'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Arms weights sum to 110", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("differ only by case", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Experiments:Experiments:ab:Overrides:qa-1 'nope'", StringComparison.Ordinal));
        Assert.Equal(7, failures.Length);
    }

    [Fact]
    public void Validator_ActiveExperimentUnknown_Fails()
    {
        var options = Experiment();
        options.Active = "ghost";

        Assert.Contains("Experiments:Active 'ghost'", Validator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_DefaultExperiment_IsValid() => Assert.True(Validator().Validate(null, Experiment()).Succeeded);

    [Fact]
    public void Router_InterleavingExperiment_RoutesEveryEnrolledUnitToBothModels()
    {
        var router = Router(Interleaving(Experiment()));
        var interleaved = new RouteDecision("shared-bottom", "ab", InterleavedArms.ArmName, true, AssignmentReason.Hash,
            new InterleavedArms("shared-bottom", "shared-bottom", "mmoe", "mmoe"));

        Assert.All(Enumerable.Range(0, 200).Select(Unit), u => Assert.Equal(interleaved, router.Route(u)));
    }

    [Fact]
    public void Router_InterleavingExperimentOutsideCoverage_ServesControlAlone()
    {
        // Enrolment bucket of u-1 is 6592 (see the reference values above): outside 50% coverage.
        var router = Router(Interleaving(Experiment(coverage: 50)));

        Assert.Equal(new RouteDecision("shared-bottom", "ab", "shared-bottom", false, AssignmentReason.NotEnrolled), router.Route("u-1"));
        Assert.NotNull(router.Route("u-1842").Interleaving); // enrolment bucket 923
    }

    [Fact]
    public void Router_InterleavingExperimentOverride_ServesTheForcedArmAlone()
    {
        var options = Interleaving(Experiment());
        options.Experiments["ab"].Overrides["qa"] = "mmoe";

        Assert.Equal(new RouteDecision("mmoe", "ab", "mmoe", true, AssignmentReason.Override), Router(options).Route("qa"));
    }

    [Fact]
    public void Validator_InterleavingWithoutWeights_IsValid()
    {
        var options = Interleaving(Experiment());
        foreach (var arm in options.Experiments["ab"].Arms.Values)
        {
            arm.Weight = 0;
        }

        Assert.True(Validator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validator_InterleavingWithThreeArmsOrTheReservedName_NamesEachFailure()
    {
        var options = Interleaving(Experiment());
        options.Experiments["ab"].Arms[InterleavedArms.ArmName] = new ArmDefinition { Model = "mmoe" };

        var result = Validator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("Experiments:Experiments:ab:Arms has 3 arms", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains($"Experiments:Experiments:ab:Arms:{InterleavedArms.ArmName} is reserved", StringComparison.Ordinal));
    }

    private static ExperimentOptions Interleaving(ExperimentOptions options)
    {
        options.Experiments["ab"].Mode = ExperimentMode.Interleaving;
        return options;
    }

    private static string Unit(int i) => "user-" + i.ToString(CultureInfo.InvariantCulture);

    private static ExperimentOptions Experiment(int mmoeWeight = 50, double coverage = 100) => new()
    {
        DefaultModel = "mmoe",
        Active = "ab",
        Experiments =
        {
            ["ab"] = new ExperimentDefinition
            {
                Salt = Salt,
                Control = "shared-bottom",
                Coverage = coverage,
                Arms =
                {
                    ["shared-bottom"] = new ArmDefinition { Model = "shared-bottom", Weight = 100 - mmoeWeight },
                    ["mmoe"] = new ArmDefinition { Model = "mmoe", Weight = mmoeWeight },
                },
            },
        },
    };

    private static ExperimentOptionsValidator Validator()
    {
        var models = new ModelRepositoryOptions();
        models.Served["mmoe"] = new ServedModelOptions();
        models.Served["shared-bottom"] = new ServedModelOptions();
        return new ExperimentOptionsValidator(Options.Create(models));
    }

    private static ExperimentConfiguration Configuration(ExperimentOptions options) => new(
        new TestOptionsMonitor<ExperimentOptions>(options), Validator(),
        NullLogger<ExperimentConfiguration>.Instance, new AssignmentMetrics(Metrics.NewCustomRegistry()));

    private static ExperimentRouter Router(ExperimentOptions options) => new(Configuration(options));

    private static string Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
