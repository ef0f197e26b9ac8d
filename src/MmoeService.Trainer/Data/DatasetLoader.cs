using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Data;

/// <summary>Loads the data set of the source named by <see cref="DataOptions.Source"/>.</summary>
public sealed class DatasetLoader(IEnumerable<IDataSource> sources, IOptions<DataOptions> options)
{
    private readonly IReadOnlyList<IDataSource> _sources = [.. sources];

    public IReadOnlyList<string> SourceNames => [.. _sources.Select(s => s.Name)];

    public RawDataset Load()
    {
        var name = options.Value.Source;
        var source = _sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"{DataOptions.SectionName}:Source '{name}' is unknown; use one of {string.Join(", ", SourceNames)}.");
        return source.Load();
    }
}
