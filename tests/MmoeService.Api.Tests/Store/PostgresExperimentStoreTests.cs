using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Store;

/// <summary><see cref="ExperimentStoreContract"/> on a real PostgreSQL server (MMOE_TEST_POSTGRES), one schema per test.</summary>
[Trait("Kind", "Integration")]
public sealed class PostgresExperimentStoreTests : IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    private StoreDatabase Database => new(async () =>
    {
        var connection = new Npgsql.NpgsqlConnection(_schema!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    });

    [PostgresFact]
    public Task Store_SchemaCreatedTwice_IsIdempotent() => ExperimentStoreContract.SchemaCreation_IsIdempotent(NewStore, Database);

    [PostgresFact]
    public Task Store_ExposureAndFeedback_RoundTrip() => ExperimentStoreContract.ExposureAndFeedback_RoundTrip(NewStore, Database);

    [PostgresFact]
    public Task Store_FeedbackWithoutExposure_IsKeptCountedAndAdoptedLater() => ExperimentStoreContract.OrphanedFeedback_IsKeptCountedAndAdoptedLater(NewStore, Database);

    [PostgresFact]
    public Task Store_SeededExperiment_ArmObservationsMatchHandComputedFigures() => ExperimentStoreContract.ArmObservations_MatchHandComputedFigures(NewStore, Database);

    [PostgresFact]
    public Task Store_SchemaVersion2_MigratesAndRebuildsRollupsOnce() => ExperimentStoreContract.SchemaVersion2_MigratesAndRebuildsRollupsOnce(NewStore, Database);

    [PostgresFact]
    public Task Store_SchemaVersion1_MigratesAndKeepsOlderExposures() => ExperimentStoreContract.SchemaVersion1_MigratesAndKeepsOlderExposures(NewStore, Database);

    [PostgresFact]
    public Task Store_SchemaVersion5_PacksItemRowsIntoExposures() => ExperimentStoreContract.SchemaVersion5_PacksItemRowsIntoExposures(NewStore, Database);

    [PostgresFact]
    public Task Store_PreperiodThenExperiment_CupedMatchesRegression() => ExperimentStoreContract.Cuped_PreperiodThenExperiment_MatchesRegression(NewStore, Database);

    [PostgresFact]
    public Task Rollups_RandomInterleavings_EqualRecomputationFromRawRows() => RollupProperty.CheckAsync(NewStore, Database, iterations: 4);

    [PostgresFact]
    public async Task Store_ServerUnreachable_ThrowsStoreUnavailable()
    {
        await using var store = ExperimentStore.Postgres(
            new StorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2", CommandTimeoutSeconds = 2 },
            ExperimentStoreContract.DefaultFields(), TimeProvider.System, NullLogger.Instance);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteFeedbackAsync([ExperimentStoreContract.Feedback("r1", "i1", true, false, ExperimentStoreContract.T0)], default));
    }

    public async Task InitializeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is not null)
        {
            _schema = await PostgresTestSchema.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    private ExperimentStore NewStore() => ExperimentStore.Postgres(
        new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = _schema!.ConnectionString },
        ExperimentStoreContract.DefaultFields(), new FakeTimeProvider(ExperimentStoreContract.T0), NullLogger.Instance);
}
