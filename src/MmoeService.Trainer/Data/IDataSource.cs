namespace MmoeService.Trainer.Data;

/// <summary>
/// One way of producing a <see cref="RawDataset"/> (a generator, a file format). The loader picks one by
/// <see cref="Name"/> from <see cref="DataOptions.Source"/>; every source is deterministic for a seed.
/// </summary>
public interface IDataSource
{
    /// <summary>The value of <c>Data:Source</c> that selects this source.</summary>
    string Name { get; }

    RawDataset Load();
}
