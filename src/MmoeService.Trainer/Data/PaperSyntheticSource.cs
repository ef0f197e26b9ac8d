using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Data;

/// <summary>"paper-synthetic": one run of <see cref="PaperSyntheticGenerator"/> with the configured settings.</summary>
public sealed class PaperSyntheticSource(IOptions<DataOptions> options) : IDataSource
{
    public const string SourceName = "paper-synthetic";

    public string Name => SourceName;

    public RawDataset Load() => PaperSyntheticGenerator.Generate(options.Value.PaperSynthetic, options.Value.Seed);
}
