namespace MmoeService.Trainer.Data;

/// <summary>How a raw column becomes a model input.</summary>
public enum FeatureKind
{
    Numeric,
    Categorical,
    Hashed,
}
