using System.Globalization;

namespace MmoeService.Trainer.Reproduction;

/// <summary>A model of the sweep: <see cref="Units"/> is each expert's width, or the bottom's for Shared-Bottom (<see cref="Experts"/> 0).</summary>
public sealed record SweepModel(string Key, string Label, int Experts, int Units, int TowerUnits, long Parameters)
{
    public string Shape => Experts > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Experts} experts x {Units} units, towers {TowerUnits}")
        : string.Create(CultureInfo.InvariantCulture, $"bottom {Units} units, towers {TowerUnits}");
}
