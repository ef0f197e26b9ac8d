namespace MmoeService.Trainer.Reproduction;

/// <summary>One configuration tried by the census search, judged on the main task's validation AUC.</summary>
public sealed record CensusTrial(int Group, string Model, CensusCandidate Candidate, double MainValidationAuc, double Seconds);
