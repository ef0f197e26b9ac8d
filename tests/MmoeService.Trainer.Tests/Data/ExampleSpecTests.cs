using System.Globalization;
using System.Text;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

/// <summary>
/// docs/examples/interactions.csv is 500 impressions of the synthetic world (seed 7), written by
/// <see cref="InteractionsCsv"/>. Set REGENERATE_EXAMPLES=1 to rewrite it after changing the generator.
/// </summary>
public sealed class ExampleSpecTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MmoeService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No repository root (MmoeService.sln) above the test binaries.");
    }

    private static string ExamplePath(string name) => Path.Combine(RepositoryRoot(), "docs", "examples", name);

    internal static string InteractionsCsv()
    {
        var world = RecommendationWorld.Create(new SyntheticRecommendationOptions { Users = 300, Items = 120 }, 7);
        var random = new Random(7);
        var text = new StringBuilder("impression_id,user_id,age,country,device,hour,category,duration,popularity,clicked,satisfied\n");
        for (var n = 1; n <= 500; n++)
        {
            var impression = world.SampleImpression(random);
            var feedback = world.SampleFeedback(impression, random);
            var (user, item) = (impression.User, impression.Item);
            text.Append(CultureInfo.InvariantCulture,
                $"{n},{user.Id},{user.Age},{user.Country},{user.Device},{impression.Context.Hour},{item.Category},{item.DurationMinutes:R},{item.Popularity:R},{(feedback.Clicked ? 1 : 0)},{(feedback.Satisfied ? 1 : 0)}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void InteractionsCsv_CommittedFile_MatchesTheGenerator()
    {
        var path = ExamplePath("interactions.csv");
        if (Environment.GetEnvironmentVariable("REGENERATE_EXAMPLES") == "1")
        {
            File.WriteAllText(path, InteractionsCsv());
        }

        Assert.Equal(InteractionsCsv(), File.ReadAllText(path));
    }

    [Fact]
    public void InteractionsSpec_Loads_AndFitsASchema()
    {
        var data = SpecDataSource.Load(ExamplePath("interactions.spec.json"), 20180819);
        var schema = SchemaFitter.Fit(data);

        Assert.Equal(500, data.Train.Count + data.Validation.Count + data.Test.Count);
        Assert.Equal(["ctr", "satisfaction"], data.Tasks.Select(t => t.Task));
        Assert.Equal(["age", "duration", "popularity"], schema.Numeric.Select(f => f.Name));
        Assert.Equal(["user_id", "country", "device", "hour", "category"], schema.Categorical.Select(f => f.Name));
    }
}
