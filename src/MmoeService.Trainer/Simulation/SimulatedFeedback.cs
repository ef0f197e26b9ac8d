namespace MmoeService.Trainer.Simulation;

/// <summary>One outcome the simulator posts to <c>/feedback</c>.</summary>
public sealed record SimulatedFeedback(string RequestId, string ItemId, bool Clicked, bool Satisfied);
