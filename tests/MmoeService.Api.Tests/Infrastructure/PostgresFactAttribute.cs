namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A fact that needs a real PostgreSQL server: its connection string comes from MMOE_TEST_POSTGRES (.ci/run sets it
/// with .ci/setup-postgres). Without it the test is skipped with a message saying how to run it.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "MMOE_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"{Variable} is not set; run `eval \"$(.ci/setup-postgres)\"` (as root) to start PostgreSQL 15 and set it.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
