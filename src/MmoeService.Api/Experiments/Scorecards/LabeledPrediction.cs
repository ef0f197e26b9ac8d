namespace MmoeService.Api.Experiments.Scorecards;

public sealed record LabeledPrediction(float Predicted, bool Label);
