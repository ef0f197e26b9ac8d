using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Integration.Storage;

/// <summary><see cref="ExperimentStoreContract"/> on a SQLite file in a temp folder.</summary>
public sealed class SqliteExperimentStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mmoe-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public Task Store_SchemaCreatedTwice_IsIdempotent() => ExperimentStoreContract.SchemaCreation_IsIdempotent(NewStore);

    [Fact]
    public Task Store_ExposureAndFeedback_RoundTrip() => ExperimentStoreContract.ExposureAndFeedback_RoundTrip(NewStore);

    [Fact]
    public Task Store_FeedbackWithoutExposure_IsKeptAndCountedAsOrphaned() => ExperimentStoreContract.OrphanedFeedback_IsKeptAndCounted(NewStore);

    [Fact]
    public Task Store_SeededExperiment_ArmObservationsMatchHandComputedFigures() => ExperimentStoreContract.ArmObservations_MatchHandComputedFigures(NewStore);

    [Fact]
    public Task Store_SchemaVersion1_MigratesAndKeepsOlderExposures() =>
        ExperimentStoreContract.SchemaVersion1_MigratesAndKeepsOlderExposures(NewStore, ExecuteAsync);

    [Fact]
    public async Task Store_NewFile_IsInWalMode()
    {
        var store = (SqliteExperimentStore)NewStore();
        await store.InitializeAsync(default);

        await using var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        store.Dispose();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        Directory.CreateDirectory(_folder);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "experiments.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private IExperimentStore NewStore() => new SqliteExperimentStore(
        Options.Create(new StorageOptions()), new FakeTimeProvider(ExperimentStoreContract.T0), _folder);
}
