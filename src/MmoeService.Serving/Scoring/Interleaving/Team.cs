namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>Which arm's ranking contributed an interleaved item.</summary>
public enum Team
{
    Control,
    Treatment,
}
