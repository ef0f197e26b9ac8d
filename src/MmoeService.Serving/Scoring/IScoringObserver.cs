namespace MmoeService.Serving.Scoring;

/// <summary>
/// Told once, at the end of the scoring pipeline, what one request did. The experiment platform implements it to
/// record exposures; the model server owns the seam so it never depends on the platform. Called on the request's
/// path: an implementation hands the record off (a bounded queue) and returns, it never waits for I/O.
/// </summary>
public interface IScoringObserver
{
    void Observe(ScoredRequest request);
}
