using System.Globalization;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// One hyper-parameter configuration of the census search. <see cref="Units"/> is the width of each expert
/// (MMoE, OMoE) or of the bottom (Shared-Bottom, single-task); <see cref="Experts"/> is 0 for models without experts.
/// </summary>
public sealed record CensusCandidate(int Units, int Experts, int TowerUnits, double LearningRate)
{
    /// <summary>The model with this configuration's layer sizes.</summary>
    public StudyModel Shape(StudyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model with
        {
            Experts = Experts,
            HiddenLayers = Units.ToString(CultureInfo.InvariantCulture),
            TowerLayers = TowerUnits.ToString(CultureInfo.InvariantCulture),
        };
    }

    public override string ToString() => Experts > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Experts} experts x {Units}, towers {TowerUnits}, lr {LearningRate:G3}")
        : string.Create(CultureInfo.InvariantCulture, $"bottom {Units}, towers {TowerUnits}, lr {LearningRate:G3}");
}
