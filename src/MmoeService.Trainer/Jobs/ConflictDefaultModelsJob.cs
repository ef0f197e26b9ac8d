using System.Globalization;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// The <c>defaults conflict</c> command: trains the committed models/mmoe-conflict/1, models/shared-bottom-conflict/1
/// and models/cgc-conflict/1 on the recommendation world whose tasks conflict, for the A/B simulator. The world is
/// the Data section's synthetic-recommendation settings with the preset forced to <c>conflict</c> and the task
/// correlation to <see cref="TaskCorrelation"/>; the recipes and seeds are <see cref="DefaultModelsJob"/>'s, CGC
/// splits MMoE's four experts into two shared and one per task. Every manifest records the world's parameters
/// (data.parameters) and the training seed, so the simulator can rebuild the world with
/// <see cref="RecommendationWorld.FromParameters"/>. models/mmoe/1 and models/shared-bottom/1 are not touched.
/// </summary>
public sealed class ConflictDefaultModelsJob(
    IOptions<DataOptions> dataOptions,
    TrainingJob training,
    IAnsiConsole console,
    IOptions<OutputOptions> outputOptions) : ITrainerJob
{
    /// <summary>ρ of the committed conflict world: satisfaction rewards long niche items where clicks reward bait.</summary>
    public const double TaskCorrelation = 0.0;

    public const string Suffix = "-conflict";

    public static IReadOnlyList<string> Architectures { get; } = [ModelArchitecture.Mmoe, ModelArchitecture.SharedBottom, ModelArchitecture.Cgc];

    public static string ModelName(string architecture) => architecture + Suffix;

    public static TrainingOptions Recipe(string architecture) => architecture switch
    {
        ModelArchitecture.Cgc => CgcRecipe(),
        _ => DefaultModelsJob.Recipe(architecture),
    };

    /// <summary>The world settings the committed conflict models are trained on.</summary>
    public static SyntheticRecommendationOptions World(SyntheticRecommendationOptions configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return new SyntheticRecommendationOptions
        {
            Preset = SyntheticRecommendationOptions.ConflictPreset,
            TaskCorrelation = TaskCorrelation,
            ConflictWeight = configured.ConflictWeight,
            Impressions = configured.Impressions,
            Users = configured.Users,
            Items = configured.Items,
            LatentDimension = configured.LatentDimension,
            SinTerms = configured.SinTerms,
            ClickRate = configured.ClickRate,
            SatisfactionGivenClick = configured.SatisfactionGivenClick,
            TrainFraction = configured.TrainFraction,
            ValidationFraction = configured.ValidationFraction,
        };
    }

    public void Run(CancellationToken cancellationToken)
    {
        var data = SyntheticRecommendationSource.Generate(World(dataOptions.Value.SyntheticRecommendation), dataOptions.Value.Seed);
        var published = new List<PublishedModel>();
        foreach (var architecture in Architectures)
        {
            var output = new OutputOptions
            {
                Repository = outputOptions.Value.Repository ?? DefaultModelsJob.CommittedRepository,
                Name = ModelName(architecture),
                Version = 1,
                Overwrite = true,
            };
            published.Add(training.Publish(data, Recipe(architecture), output, DefaultModelsJob.CreatedAt, cancellationToken));
        }

        var table = new Table().Title("conflict-world default models (test split)").AddColumn("model").AddColumn("ctr").AddColumn("satisfaction").AddColumn("epochs");
        foreach (var model in published)
        {
            var test = model.Manifest.Metrics[ManifestFactory.TestSplit];
            table.AddRow(
                Markup.Escape(model.Manifest.Name),
                Markup.Escape(TrainingProgressDisplay.Format(test[RecommendationWorld.CtrTask])),
                Markup.Escape(TrainingProgressDisplay.Format(test[RecommendationWorld.SatisfactionTask])),
                model.Result.EpochsRun.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private static TrainingOptions CgcRecipe()
    {
        var options = DefaultModelsJob.Recipe(ModelArchitecture.Mmoe);
        options.Architecture = ModelArchitecture.Cgc;
        options.Experts = 2;
        options.SpecificExperts = 1;
        return options;
    }
}
