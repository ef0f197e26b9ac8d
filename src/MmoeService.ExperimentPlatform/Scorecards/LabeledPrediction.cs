namespace MmoeService.ExperimentPlatform.Scorecards;

public sealed record LabeledPrediction(float Predicted, bool Label);
