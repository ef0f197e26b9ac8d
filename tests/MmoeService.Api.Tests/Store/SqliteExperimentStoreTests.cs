using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Store;

/// <summary><see cref="ExperimentStoreContract"/> on a SQLite file in a temp folder.</summary>
[Trait("Kind", "Integration")]
public sealed class SqliteExperimentStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mmoe-store-" + Guid.NewGuid().ToString("N"));

    private StoreDatabase Database => StoreDatabase.Sqlite(_folder);

    [Fact]
    public Task Store_SchemaCreatedTwice_IsIdempotent() => ExperimentStoreContract.SchemaCreation_IsIdempotent(NewStore, Database);

    [Fact]
    public Task Store_ExposureAndFeedback_RoundTrip() => ExperimentStoreContract.ExposureAndFeedback_RoundTrip(NewStore, Database);

    [Fact]
    public Task Store_FeedbackWithoutExposure_IsKeptCountedAndAdoptedLater() => ExperimentStoreContract.OrphanedFeedback_IsKeptCountedAndAdoptedLater(NewStore, Database);

    [Fact]
    public Task Store_SeededExperiment_ArmObservationsMatchHandComputedFigures() => ExperimentStoreContract.ArmObservations_MatchHandComputedFigures(NewStore, Database);

    [Fact]
    public Task Store_SchemaVersion2_MigratesAndRebuildsRollupsOnce() => ExperimentStoreContract.SchemaVersion2_MigratesAndRebuildsRollupsOnce(NewStore, Database);

    [Fact]
    public Task Store_SchemaVersion1_MigratesAndKeepsOlderExposures() => ExperimentStoreContract.SchemaVersion1_MigratesAndKeepsOlderExposures(NewStore, Database);

    [Fact]
    public Task Store_SchemaVersion5_PacksItemRowsIntoExposures() => ExperimentStoreContract.SchemaVersion5_PacksItemRowsIntoExposures(NewStore, Database);

    [Fact]
    public Task Store_PreperiodThenExperiment_CupedMatchesRegression() => ExperimentStoreContract.Cuped_PreperiodThenExperiment_MatchesRegression(NewStore, Database);

    [Fact]
    public Task Rollups_RandomInterleavings_EqualRecomputationFromRawRows() => RollupProperty.CheckAsync(NewStore, Database, iterations: 12);

    [Fact]
    public async Task Store_NewFile_IsInWalMode()
    {
        var store = NewStore();
        await store.InitializeAsync(default);

        await using var connection = new SqliteConnection($"Data Source={store.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        await store.DisposeAsync();
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

    /// <summary>A store over this test's folder; the property test empties the folder between cases.</summary>
    private ExperimentStore NewStore() => ExperimentStore.Sqlite(
        _folder, new StorageOptions(), ExperimentStoreContract.DefaultFields(), new FakeTimeProvider(ExperimentStoreContract.T0), NullLogger.Instance);
}
