using MmoeService.ExperimentPlatform.Feedback;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Integration.Storage;

/// <summary><see cref="ExperimentStoreContract"/> on a real PostgreSQL server (MMOE_TEST_POSTGRES), one schema per test.</summary>
public sealed class PostgresExperimentStoreTests : IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    [PostgresFact]
    public Task Store_SchemaCreatedTwice_IsIdempotent() => ExperimentStoreContract.SchemaCreation_IsIdempotent(NewStore);

    [PostgresFact]
    public Task Store_ExposureAndFeedback_RoundTrip() => ExperimentStoreContract.ExposureAndFeedback_RoundTrip(NewStore);

    [PostgresFact]
    public Task Store_FeedbackWithoutExposure_IsKeptAndCountedAsOrphaned() => ExperimentStoreContract.OrphanedFeedback_IsKeptAndCounted(NewStore);

    [PostgresFact]
    public Task Store_SeededExperiment_ArmObservationsMatchHandComputedFigures() => ExperimentStoreContract.ArmObservations_MatchHandComputedFigures(NewStore);

    [PostgresFact]
    public Task Store_SchemaVersion1_MigratesAndKeepsOlderExposures() =>
        ExperimentStoreContract.SchemaVersion1_MigratesAndKeepsOlderExposures(NewStore, ExecuteAsync);

    [PostgresFact]
    public async Task Store_ServerUnreachable_ThrowsStoreUnavailable()
    {
        using var store = new PostgresExperimentStore(
            Options.Create(new StorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2", CommandTimeoutSeconds = 2 }),
            TimeProvider.System);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteFeedbackAsync([new FeedbackEvent("r1", "i1", true, false, ExperimentStoreContract.T0)], default));
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

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_schema!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private IExperimentStore NewStore() => new PostgresExperimentStore(
        Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = _schema!.ConnectionString }),
        new FakeTimeProvider(ExperimentStoreContract.T0));
}
