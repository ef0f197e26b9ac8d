using System.Globalization;
using Microsoft.Extensions.Options;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// "synthetic-recommendation": impressions sampled from a <see cref="RecommendationWorld"/> with labels drawn
/// from its true probabilities; tasks <c>ctr</c> (main) and <c>satisfaction</c> (clicked and satisfied).
/// </summary>
public sealed class SyntheticRecommendationSource(IOptions<DataOptions> options) : IDataSource
{
    public const string SourceName = "synthetic-recommendation";

    public string Name => SourceName;

    public RawDataset Load() => Generate(options.Value.SyntheticRecommendation, options.Value.Seed);

    /// <summary>Generates the data set for (options, seed); impressions are iid, so splits are consecutive blocks.</summary>
    public static RawDataset Generate(SyntheticRecommendationOptions settings, int seed) => GenerateWithWorld(settings, seed).Data;

    /// <summary>
    /// The data set with the world and the impressions behind its rows (row n is impression n), for callers that
    /// need the true probabilities of the rows, e.g. a Bayes-optimal reference on the test split.
    /// </summary>
    public static (RawDataset Data, RecommendationWorld World, IReadOnlyList<RecommendationImpression> Impressions) GenerateWithWorld(
        SyntheticRecommendationOptions settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var world = RecommendationWorld.Create(settings, seed);
        var random = RandomStreams.Create(seed, 3);
        var count = settings.Impressions;
        var rows = new FeatureValue[count][];
        var impressions = new RecommendationImpression[count];
        var clicks = new float[count];
        var satisfied = new float[count];
        for (var n = 0; n < count; n++)
        {
            var impression = impressions[n] = world.SampleImpression(random);
            var feedback = world.SampleFeedback(impression, random);
            rows[n] = RecommendationWorld.FeatureRow(impression);
            clicks[n] = feedback.Clicked ? 1 : 0;
            satisfied[n] = feedback.Satisfied ? 1 : 0;
        }

        var trainRows = (int)Math.Round(count * settings.TrainFraction);
        var validationRows = (int)Math.Round(count * settings.ValidationFraction);
        var testRows = count - trainRows - validationRows;
        RawSplit Slice(int start, int length) => new(
            new ArraySegment<FeatureValue[]>(rows, start, length),
            [clicks.AsSpan(start, length).ToArray(), satisfied.AsSpan(start, length).ToArray()]);

        var invariant = CultureInfo.InvariantCulture;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = seed.ToString(invariant),
            ["impressions"] = count.ToString(invariant),
            ["users"] = settings.Users.ToString(invariant),
            ["items"] = settings.Items.ToString(invariant),
            ["latentDimension"] = settings.LatentDimension.ToString(invariant),
            ["taskCorrelation"] = settings.TaskCorrelation.ToString("R", invariant),
            ["sinTerms"] = settings.SinTerms.ToString(invariant),
            ["clickRate"] = settings.ClickRate.ToString("R", invariant),
            ["satisfactionGivenClick"] = settings.SatisfactionGivenClick.ToString("R", invariant),
            ["trainFraction"] = settings.TrainFraction.ToString("R", invariant),
            ["validationFraction"] = settings.ValidationFraction.ToString("R", invariant),
            ["clickBias"] = world.ClickBias.ToString("R", invariant),
            ["satisfactionBias"] = world.SatisfactionBias.ToString("R", invariant),
        };
        if (world.Conflicting)
        {
            // Only the conflict preset records its keys, so default-world manifests stay as they were.
            parameters["preset"] = settings.Preset;
            parameters["conflictWeight"] = settings.ConflictWeight.ToString("R", invariant);
        }

        var description = string.Create(invariant,
            $"Synthetic content recommendation{(world.Conflicting ? " (conflicting tasks)" : string.Empty)}: {count:N0} impressions of {settings.Users:N0} users x {settings.Items:N0} items, " +
            $"task correlation {settings.TaskCorrelation}, seed {seed}; consecutive train/validation/test blocks of {trainRows}/{validationRows}/{testRows}.");
        var data = new RawDataset(
            new TrainingData(SourceName, description, parameters, trainRows, validationRows, testRows),
            RecommendationWorld.Features,
            [
                new LabelColumn(RecommendationWorld.CtrTask, TaskKind.Binary, "clicked"),
                new LabelColumn(RecommendationWorld.SatisfactionTask, TaskKind.Binary, "clicked and rated satisfying"),
            ],
            Slice(0, trainRows),
            Slice(trainRows, validationRows),
            Slice(trainRows + validationRows, testRows));
        return (data, world, impressions);
    }
}
