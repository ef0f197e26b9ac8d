namespace MmoeService.Trainer.Reproduction;

/// <summary>One measured census run: test AUCs of both tasks from the same trained model(s).</summary>
public sealed record CensusRun(
    int Group,
    string Model,
    int Run,
    int Seed,
    CensusCandidate Candidate,
    long Parameters,
    int Epochs,
    double MainValidationAuc,
    double MainTestAuc,
    double AuxTestAuc,
    double Seconds);
