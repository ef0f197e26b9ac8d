namespace MmoeService.ExperimentPlatform;

/// <summary>
/// The experiment store: the I/O seam between the service and its database (SQLite or PostgreSQL, one schema).
/// Every write is one transaction that also updates the rollups the scorecard reads; failures surface as
/// <see cref="StoreUnavailableException"/> with nothing committed. The schema is created or migrated on first use
/// (and at start) by <see cref="InitializeAsync"/>.
/// </summary>
public interface IExperimentStore
{
    /// <summary>Creates or migrates the schema; idempotent and safe to race (other replicas, other calls).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes exposures, their items and per-task predictions; an exposure whose request id is already stored is
    /// skipped. Feedback that arrived before its exposure is adopted into the rollups here. Returns the number written.
    /// </summary>
    Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken);

    /// <summary>Writes a feedback batch in one transaction (latest time wins per request and item).</summary>
    Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken);

    /// <summary>Per-arm figures of an experiment for the scorecard, read from the rollups only.</summary>
    Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken);
}
