namespace MmoeService.Trainer.Reproduction;

/// <summary>One labelled line of a chart: <see cref="X"/>[i] against <see cref="Y"/>[i].</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);
