namespace MmoeService.Trainer.Conflict;

/// <summary>What one generated world looks like, from its true probabilities on the test impressions.</summary>
/// <param name="Correlation">Task correlation ρ.</param>
/// <param name="Seed">World seed.</param>
/// <param name="ClickRate">Share of test impressions clicked.</param>
/// <param name="SatisfactionRate">Share of test impressions clicked and satisfied.</param>
/// <param name="ClickVersusSatisfiedGivenClick">Pearson r of true P(click) and true P(satisfied | click): the realised task conflict.</param>
/// <param name="ClickVersusSatisfied">Pearson r of true P(click) and true P(click and satisfied): what the two labels share.</param>
public sealed record WorldFacts(
    double Correlation,
    int Seed,
    double ClickRate,
    double SatisfactionRate,
    double ClickVersusSatisfiedGivenClick,
    double ClickVersusSatisfied);
