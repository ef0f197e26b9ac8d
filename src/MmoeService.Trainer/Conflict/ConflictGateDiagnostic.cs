namespace MmoeService.Trainer.Conflict;

/// <summary>One task's gate on validation rows, averaged over seeds: entropy against the uniform ln(width), polarisation, effective experts.</summary>
public sealed record ConflictGateDiagnostic(string Task, double Entropy, double UniformEntropy, double Polarisation, double EffectiveExperts);
