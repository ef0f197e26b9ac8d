using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Simulation;

/// <summary>
/// Settings of the <c>simulate</c> command (section "Simulation"). The world itself comes from the "Data"
/// section (Data:Seed, Data:SyntheticRecommendation:*), the same keys that trained the models, so one set of
/// flags describes both the world a model learned and the world it is tested in.
/// </summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";

    /// <summary>Base address of the running scoring service.</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "http://localhost:5024";

    /// <summary>The experiment whose scorecard is printed at the end.</summary>
    [Required]
    public string Experiment { get; set; } = "mmoe-vs-shared-bottom";

    /// <summary>Distinct simulated users (experiment units).</summary>
    [Range(1, 10_000_000)]
    public int Users { get; set; } = 20_000;

    /// <summary>Ranking requests (page views) per user.</summary>
    [Range(1, 1_000)]
    public int RequestsPerUser { get; set; } = 1;

    /// <summary>Candidate items sent per request, drawn uniformly without replacement from the world's items.</summary>
    [Range(1, 1_000)]
    public int Candidates { get; set; } = 50;

    /// <summary>Items shown to the user (the request's topK): the ranking decides which candidates make it.</summary>
    [Range(1, 1_000)]
    public int Shown { get; set; } = 10;

    /// <summary>Users played at the same time.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Seeds every user's context, candidates and reactions; the same seed replays the same visits.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Index of the run's first person in the world's unbounded population. Unit n of a run is person
    /// <c>FirstUser + RunId · Users + n</c>, drawn from the world's population by its index alone, so runs whose
    /// ranges do not overlap share no people (independent experiments).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int FirstUser { get; set; }

    /// <summary>Selects the run's block of people: run r plays persons <c>FirstUser + r · Users</c> onwards.</summary>
    [Range(0, 100_000)]
    public int RunId { get; set; }

    /// <summary>What the experiment compares; see <see cref="SimulationDesign"/>.</summary>
    public SimulationDesign Design { get; set; } = SimulationDesign.ModelComparison;

    /// <summary>KnownEffect only: δ, the relative change of the treatment arm's true click probability.</summary>
    [Range(-0.9, 10)]
    public double Effect { get; set; } = 0.05;

    /// <summary>KnownEffect only: the arm whose true probabilities are multiplied by 1 + δ (the others are control).</summary>
    public string TreatmentArm { get; set; } = "treatment";

    /// <summary>Read the scorecard every this many finished users (an interim look); 0 reads it only at the end.</summary>
    [Range(0, 10_000_000)]
    public int LookEvery { get; set; }

    /// <summary>Which part of the users' history to play; see <see cref="SimulationPhase"/>.</summary>
    public SimulationPhase Phase { get; set; } = SimulationPhase.Experiment;

    /// <summary>PrePeriod only: visits per user before the experiment.</summary>
    [Range(1, 1_000)]
    public int PrePeriodRequests { get; set; } = 3;

    /// <summary>
    /// Tuning units N* of the always-valid p-value the simulator computes for a scorecard that reports only the
    /// fixed-horizon reading (set it to the experiment's <c>Sequential:TuningUnits</c>; the platform's default is 5,000).
    /// </summary>
    [Range(1, 100_000_000)]
    public double TuningUnits { get; set; } = AlwaysValid.DefaultTuningUnits;

    /// <summary>A JSON-lines file each look is appended to (one line per look, comparison and task); none when empty.</summary>
    public string? Report { get; set; }

    /// <summary>The person index of unit <paramref name="user"/> of this run.</summary>
    public int Person(int user) => checked(FirstUser + (RunId * Users) + user);
}
