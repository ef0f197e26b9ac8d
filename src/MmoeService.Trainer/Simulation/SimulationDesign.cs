namespace MmoeService.Trainer.Simulation;

/// <summary>What a simulated experiment compares (<c>Simulation:Design</c>).</summary>
public enum SimulationDesign
{
    /// <summary>The experiment's arms serve different models (MMoE against Shared-Bottom): the true lift is unknown, so the simulator computes it from the world's true probabilities (the oracle).</summary>
    ModelComparison,

    /// <summary>Both arms serve the same model: the true lift is 0, so every "significant" result is a false positive.</summary>
    AA,

    /// <summary>Both arms serve the same model, and inside the world the treatment arm's true click probability is multiplied by 1 + δ: the true lift of both tasks is δ.</summary>
    KnownEffect,
}
