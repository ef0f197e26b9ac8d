namespace MmoeService.Trainer.Data;

/// <summary>
/// Where a feature sits in a <c>POST /score</c> request: <see cref="Context"/> features describe the user and
/// the moment and apply to every candidate; <see cref="Item"/> features describe one candidate.
/// Only used to shape examples.json; the encoding is the same either way.
/// </summary>
public enum FeatureScope
{
    Item,
    Context,
}
