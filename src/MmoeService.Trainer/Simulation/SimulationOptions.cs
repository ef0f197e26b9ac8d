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

    /// <summary>Seeds every user's context, candidates and reactions; the same seed replays the same users.</summary>
    public int Seed { get; set; } = 1;
}
