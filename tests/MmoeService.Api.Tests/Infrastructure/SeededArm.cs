namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>What one arm received in <see cref="SeededTraffic"/>: counts and per-user (clicks, impressions).</summary>
internal sealed class SeededArm
{
    public int Requests { get; set; }

    public int Impressions { get; private set; }

    public int Clicks { get; private set; }

    public int Satisfied { get; private set; }

    public Dictionary<string, (int Clicks, int Impressions)> Users { get; } = new(StringComparer.Ordinal);

    public void Add(string user, bool clicked, bool satisfied)
    {
        Impressions++;
        Clicks += clicked ? 1 : 0;
        Satisfied += satisfied ? 1 : 0;
        var (c, n) = Users.GetValueOrDefault(user);
        Users[user] = (c + (clicked ? 1 : 0), n + 1);
    }

    /// <summary>
    /// Delta-method standard error of the CTR by the linearised form, independent of the store's moment sums:
    /// z_i = (y_i - R·n_i) / n̄, SE² = s²_z / K.
    /// </summary>
    public double CtrStandardError()
    {
        var k = Users.Count;
        var ratio = (double)Clicks / Impressions;
        var meanN = (double)Impressions / k;
        var z = Users.Values.Select(u => (u.Clicks - ratio * u.Impressions) / meanN).ToArray();
        var meanZ = z.Average();
        return Math.Sqrt(z.Sum(v => (v - meanZ) * (v - meanZ)) / (k - 1) / k);
    }
}
