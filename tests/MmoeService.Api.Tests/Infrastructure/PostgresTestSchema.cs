using Npgsql;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A fresh schema per test in the MMOE_TEST_POSTGRES database, so tests never see each other's rows; the connection
/// string it hands out puts that schema first on the search path. Dropped with everything in it on dispose.
/// </summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresTestSchema(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { SearchPath = name, Pooling = false }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresTestSchema> CreateAsync()
    {
        var admin = PostgresFactAttribute.ConnectionString ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set.");
        var schema = new PostgresTestSchema(admin, "t_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name}");
        return schema;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
