using System.Diagnostics;

namespace MmoeService.Serving.Observability;

/// <summary>
/// The stages of one request as consecutive spans: <see cref="Next"/> ends the running stage and starts the next, and
/// disposing ends the last, so a linear method marks each stage with one line wherever it returns.
/// </summary>
public sealed class ScoringStages : IDisposable
{
    private Activity? _current;

    public void Next(string stage)
    {
        _current?.Dispose();
        _current = ScoringActivities.Start(stage);
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }
}
