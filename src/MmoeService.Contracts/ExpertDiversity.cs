namespace MmoeService.Contracts;

/// <summary>
/// Whether the experts learned different things: pairwise similarity of their outputs on the validation split.
/// For CGC/PLE the experts are those of the last level (task-specific ones in task order, then the shared ones).
/// Linear CKA (Kornblith et al., ICML 2019) compares whole representations and ignores rotation and scale; the
/// correlation figure compares units one to one. Values near 1 mean the experts are redundant.
/// </summary>
/// <param name="Experts">Names of the compared experts, in matrix order (e.g. <c>experts.0</c>, <c>levels.1.shared.0</c>).</param>
/// <param name="Rows">Validation rows the figures were computed on.</param>
/// <param name="LinearCka">Symmetric matrix of pairwise linear CKA, 1 on the diagonal.</param>
/// <param name="MeanLinearCka">Mean of the off-diagonal linear CKA values.</param>
/// <param name="MeanAbsoluteCorrelation">
/// Mean over expert pairs of unit matching: for each output unit of one expert, its largest absolute Pearson
/// correlation with any unit of the other, averaged over units and both directions. Units are arbitrary in order,
/// so this matches them instead of pairing unit i with unit i; units that never vary (dead ReLUs) are skipped.
/// </param>
public sealed record ExpertDiversity(
    IReadOnlyList<string> Experts,
    int Rows,
    IReadOnlyList<IReadOnlyList<double>> LinearCka,
    double MeanLinearCka,
    double MeanAbsoluteCorrelation);
