namespace MmoeService.ExperimentPlatform.Store;

public enum StorageProvider
{
    /// <summary>One file under <see cref="StorageOptions.DataDirectory"/>; one replica.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server at <see cref="StorageOptions.ConnectionString"/>; any number of replicas.</summary>
    Postgres,
}
