using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// The synthetic content-recommendation world: users with a hidden taste vector, items with a hidden latent
/// vector, and the TRUE click and satisfaction probabilities of any (user, item, context). The data source
/// samples training impressions from it; an A/B simulator can rebuild the same world from (options, seed)
/// with <see cref="Create"/> and draw realistic feedback for whatever a model chose to show.
/// docs/data.md writes the generative process out as formulas.
/// </summary>
public sealed class RecommendationWorld
{
    public const string CtrTask = "ctr";
    public const string SatisfactionTask = "satisfaction";

    public const string AgeFeature = "age";
    public const string CountryFeature = "country";
    public const string DeviceFeature = "device";
    public const string HourFeature = "hour";
    public const string CategoryFeature = "category";
    public const string DurationFeature = "duration";
    public const string PopularityFeature = "popularity";

    // Logit weights. Shared affinity and the task-specific §3.2-style term weigh the same, so the task
    // correlation knob moves the logit correlation over a wide range (about 0.45 at p = 0 to 0.9 at p = 1).
    public const double AffinityWeight = 0.8;
    public const double TaskWeight = 0.8;

    /// <summary>Popular items attract clicks that do not turn into satisfaction (a "clickbait" effect).</summary>
    public const double ClickbaitWeight = 0.3;

    /// <summary>Long content satisfies less on a phone.</summary>
    public const double MobileLongFormPenalty = 0.4;

    /// <summary>Conflict preset: weights of the shared affinity and §3.2 task term, lower so the bait/depth term matters.</summary>
    public const double ConflictAffinityWeight = 0.6;
    public const double ConflictTaskWeight = 0.5;

    /// <summary>Conflict preset: categories whose items are flashy (+1) or deep (-1); the rest are neutral.</summary>
    public static IReadOnlyDictionary<string, int> Flashiness { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["comedy"] = 1, ["music"] = 1, ["gaming"] = 1, ["fashion"] = 1, ["sports"] = 1,
        ["documentary"] = -1, ["education"] = -1, ["science"] = -1, ["finance"] = -1, ["news"] = -1,
    };

    private const double AgeMean = 36;
    private const double AgeSpread = 13;
    private const int CalibrationImpressions = 20_000;
    private const int ExtraTaskInputs = 5;

    private readonly double[] _userCumulative;
    private readonly double[] _itemCumulative;
    private readonly double[][] _hourCumulative;
    private readonly double[] _clickWeights;
    private readonly double[] _satisfactionWeights;
    private readonly double _logDurationMean;
    private readonly double _logDurationStd;
    private readonly double _taskNorm;
    private readonly double[] _bait;
    private Population? _population;

    private RecommendationWorld(
        SyntheticRecommendationOptions options,
        int seed,
        RecommendationUser[] users,
        RecommendationItem[] items,
        double[] clickWeights,
        double[] satisfactionWeights)
    {
        Options = options;
        Seed = seed;
        Users = users;
        Items = items;
        _clickWeights = clickWeights;
        _satisfactionWeights = satisfactionWeights;
        _userCumulative = RandomStreams.Cumulative([.. users.Select(u => u.Activity)]);

        // Recommenders show popular items more often: exposure grows ~12x from the least to the most popular.
        _itemCumulative = RandomStreams.Cumulative([.. items.Select(i => Math.Exp(2.5 * i.Popularity))]);
        _hourCumulative = [.. Devices.Select(d => RandomStreams.Cumulative([.. Enumerable.Range(0, 24).Select(h => HourWeight(d, h))]))];
        var logDurations = items.Select(i => Math.Log(i.DurationMinutes)).ToArray();
        _logDurationMean = logDurations.Average();
        var variance = logDurations.Select(x => (x - _logDurationMean) * (x - _logDurationMean)).Average();
        _logDurationStd = variance > 1e-12 ? Math.Sqrt(variance) : 1;

        // r + Σ sin(...) has variance about 1 + m/2; dividing keeps TaskWeight meaningful for any m.
        _taskNorm = Math.Sqrt(1 + (options.SinTerms / 2.0));
        _bait = BaitScores(items);
    }

    /// <summary>True for the conflict preset.</summary>
    public bool Conflicting => Options.Preset == SyntheticRecommendationOptions.ConflictPreset;

    /// <summary>Raw model inputs, in row order. User and context features are request-level (Context scope).</summary>
    public static IReadOnlyList<FeatureColumn> Features { get; } =
    [
        new(AgeFeature, FeatureKind.Numeric, FeatureScope.Context),
        new(CountryFeature, FeatureKind.Categorical, FeatureScope.Context),
        new(DeviceFeature, FeatureKind.Categorical, FeatureScope.Context),
        new(HourFeature, FeatureKind.Categorical, FeatureScope.Context),
        new(CategoryFeature, FeatureKind.Categorical, FeatureScope.Item),
        new(DurationFeature, FeatureKind.Numeric, FeatureScope.Item),
        new(PopularityFeature, FeatureKind.Numeric, FeatureScope.Item),
    ];

    public static IReadOnlyList<string> Countries { get; } = ["US", "IN", "BR", "GB", "DE", "JP", "FR", "MX", "CA", "ES"];

    public static IReadOnlyList<string> Devices { get; } = ["mobile", "desktop", "tablet", "tv"];

    public static IReadOnlyList<string> Categories { get; } =
    [
        "news", "music", "comedy", "sports", "gaming", "cooking", "kids", "movies",
        "tech", "travel", "fitness", "science", "finance", "fashion", "education", "documentary",
    ];

    private static readonly double[] CountryWeights = [30, 15, 10, 8, 7, 6, 6, 6, 5, 4];

    private static readonly double[] CategoryMedianMinutes = [3, 4, 6, 8, 20, 10, 8, 95, 12, 15, 25, 12, 10, 7, 30, 50];

    public SyntheticRecommendationOptions Options { get; }

    public int Seed { get; }

    public IReadOnlyList<RecommendationUser> Users { get; }

    public IReadOnlyList<RecommendationItem> Items { get; }

    /// <summary>Click logit intercept, calibrated so the mean click probability is <see cref="SyntheticRecommendationOptions.ClickRate"/>.</summary>
    public double ClickBias { get; private set; }

    /// <summary>Satisfaction logit intercept, calibrated to <see cref="SyntheticRecommendationOptions.SatisfactionGivenClick"/>.</summary>
    public double SatisfactionBias { get; private set; }

    /// <summary>w1: unit vector weighting the click task's inputs.</summary>
    public IReadOnlyList<double> ClickTaskWeights => _clickWeights;

    /// <summary>w2: unit vector at cosine <see cref="SyntheticRecommendationOptions.TaskCorrelation"/> to w1.</summary>
    public IReadOnlyList<double> SatisfactionTaskWeights => _satisfactionWeights;

    /// <summary>Builds the world for (options, seed); the same pair always gives the same world.</summary>
    public static RecommendationWorld Create(SyntheticRecommendationOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = RandomStreams.Create(seed, 1);
        var k = options.LatentDimension;
        var countryProfiles = GaussianMatrix(random, Countries.Count, k);
        var deviceProfiles = GaussianMatrix(random, Devices.Count, k);
        var ageDirection = GaussianMatrix(random, 1, k)[0];
        var categoryCentroids = GaussianMatrix(random, Categories.Count, k);
        var countryCumulative = RandomStreams.Cumulative(CountryWeights);
        var categoryCumulative = RandomStreams.Cumulative([.. Enumerable.Range(0, Categories.Count).Select(c => 1.0 / Math.Pow(c + 1, 0.8))]);

        var population = new Population(countryProfiles, deviceProfiles, ageDirection, countryCumulative);
        var users = new RecommendationUser[options.Users];
        for (var u = 0; u < users.Length; u++)
        {
            users[u] = population.Draw(u, random);
        }

        var categories = new int[options.Items];
        var appeal = new double[options.Items];
        var latents = new double[options.Items][];
        var durations = new double[options.Items];
        for (var i = 0; i < options.Items; i++)
        {
            var category = RandomStreams.Pick(random, categoryCumulative);
            categories[i] = category;
            latents[i] = new double[k];
            for (var j = 0; j < k; j++)
            {
                latents[i][j] = (0.8 * categoryCentroids[category][j]) + (0.6 * RandomStreams.Gaussian(random));
            }

            durations[i] = Math.Clamp(Math.Round(CategoryMedianMinutes[category] * Math.Exp(0.5 * RandomStreams.Gaussian(random)), 1), 0.2, 240);
            appeal[i] = RandomStreams.Gaussian(random);
        }

        // Popularity is the item's appeal percentile: uniform in (0, 1), a well-behaved numeric feature.
        var rank = new int[options.Items];
        var byAppeal = Enumerable.Range(0, options.Items).OrderBy(i => appeal[i]).ToArray();
        for (var r = 0; r < byAppeal.Length; r++)
        {
            rank[byAppeal[r]] = r;
        }

        var items = new RecommendationItem[options.Items];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new RecommendationItem(i, $"i{i:D5}", Categories[categories[i]], durations[i],
                Math.Round((rank[i] + 0.5) / items.Length, 4), latents[i]);
        }

        var (clickWeights, satisfactionWeights) = TaskVectors(random, k + ExtraTaskInputs, options.TaskCorrelation);
        var world = new RecommendationWorld(options, seed, users, items, clickWeights, satisfactionWeights) { _population = population };
        world.Calibrate(RandomStreams.Create(seed, 2));
        return world;
    }

    /// <summary>
    /// Rebuilds the world a model was trained on from its manifest's <c>data.parameters</c> (written by
    /// <see cref="SyntheticRecommendationSource"/>); absent keys keep their defaults.
    /// </summary>
    public static RecommendationWorld FromParameters(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var options = new SyntheticRecommendationOptions();
        int Int(string key, int fallback) => parameters.TryGetValue(key, out var v) ? int.Parse(v, invariant) : fallback;
        double Real(string key, double fallback) => parameters.TryGetValue(key, out var v) ? double.Parse(v, invariant) : fallback;
        options.Impressions = Int("impressions", options.Impressions);
        options.Users = Int("users", options.Users);
        options.Items = Int("items", options.Items);
        options.LatentDimension = Int("latentDimension", options.LatentDimension);
        options.TaskCorrelation = Real("taskCorrelation", options.TaskCorrelation);
        options.SinTerms = Int("sinTerms", options.SinTerms);
        options.ClickRate = Real("clickRate", options.ClickRate);
        options.SatisfactionGivenClick = Real("satisfactionGivenClick", options.SatisfactionGivenClick);
        options.TrainFraction = Real("trainFraction", options.TrainFraction);
        options.ValidationFraction = Real("validationFraction", options.ValidationFraction);
        options.Preset = parameters.TryGetValue("preset", out var preset) ? preset : options.Preset;
        options.ConflictWeight = Real("conflictWeight", options.ConflictWeight);
        return Create(options, Int("seed", 20180819));
    }

    /// <summary>
    /// Two unit vectors at cosine <paramref name="correlation"/>, as in paper §3.2: orthonormal u1, u2 by
    /// Gram-Schmidt, w1 = u1, w2 = p·u1 + sqrt(1 - p²)·u2.
    /// </summary>
    internal static (double[] W1, double[] W2) TaskVectors(Random random, int dimension, double correlation)
    {
        var u1 = GaussianMatrix(random, 1, dimension)[0];
        var u2 = GaussianMatrix(random, 1, dimension)[0];
        Normalize(u1);
        var projection = Dot(u1, u2);
        for (var j = 0; j < dimension; j++)
        {
            u2[j] -= projection * u1[j];
        }

        Normalize(u2);
        var orthogonal = Math.Sqrt(Math.Max(0, 1 - (correlation * correlation)));
        var w2 = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            w2[j] = (correlation * u1[j]) + (orthogonal * u2[j]);
        }

        return (u1, w2);
    }

    /// <summary>
    /// A new person of the world's population, beyond <see cref="Users"/>: drawn from the same distribution of
    /// country, age, device and taste, from <paramref name="random"/> alone, so distinct streams give distinct people
    /// however many are drawn (the simulator's units; the training data uses <see cref="Users"/>).
    /// </summary>
    public RecommendationUser SampleUser(int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var population = _population ?? throw new InvalidOperationException("The world was built without its population; build it with Create.");
        return population.Draw(index, random);
    }

    /// <summary>True probability that the user clicks the item in this context.</summary>
    public double ClickProbability(RecommendationUser user, RecommendationItem item, RecommendationContext context) =>
        Sigmoid(ClickBias + ClickLogit(user, item, context));

    /// <summary>True probability that a click on the item ends in a satisfied rating.</summary>
    public double SatisfactionGivenClickProbability(RecommendationUser user, RecommendationItem item, RecommendationContext context) =>
        Sigmoid(SatisfactionBias + SatisfactionLogit(user, item, context));

    /// <summary>True probability of the <c>satisfaction</c> label: clicked and satisfied.</summary>
    public double SatisfactionProbability(RecommendationUser user, RecommendationItem item, RecommendationContext context) =>
        ClickProbability(user, item, context) * SatisfactionGivenClickProbability(user, item, context);

    /// <summary>A user (by activity), an item (by exposure, favouring popular ones) and an hour (by the user's device).</summary>
    public RecommendationImpression SampleImpression(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var user = Users[RandomStreams.Pick(random, _userCumulative)];
        var item = Items[RandomStreams.Pick(random, _itemCumulative)];
        return new RecommendationImpression(user, item, SampleContext(user, random));
    }

    /// <summary>An hour of day drawn from the daily usage profile of the user's device.</summary>
    public RecommendationContext SampleContext(RecommendationUser user, Random random)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(random);
        var device = IndexOf(Devices, user.Device);
        return new RecommendationContext(RandomStreams.Pick(random, _hourCumulative[device]));
    }

    /// <summary>Draws the user's reaction from the true probabilities.</summary>
    public RecommendationFeedback SampleFeedback(RecommendationImpression impression, Random random)
    {
        ArgumentNullException.ThrowIfNull(impression);
        ArgumentNullException.ThrowIfNull(random);
        var clicked = random.NextDouble() < ClickProbability(impression.User, impression.Item, impression.Context);
        var satisfied = clicked && random.NextDouble() < SatisfactionGivenClickProbability(impression.User, impression.Item, impression.Context);
        return new RecommendationFeedback(clicked, satisfied);
    }

    /// <summary>The raw feature row of an impression in <see cref="Features"/> order.</summary>
    public static FeatureValue[] FeatureRow(RecommendationImpression impression)
    {
        ArgumentNullException.ThrowIfNull(impression);
        return
        [
            FeatureValue.FromNumber(impression.User.Age),
            FeatureValue.FromText(impression.User.Country),
            FeatureValue.FromText(impression.User.Device),
            FeatureValue.FromNumber(impression.Context.Hour),
            FeatureValue.FromText(impression.Item.Category),
            FeatureValue.FromNumber(impression.Item.DurationMinutes),
            FeatureValue.FromNumber(impression.Item.Popularity),
        ];
    }

    /// <summary>
    /// Conflict preset: the item's standardised bait score (short, popular, flashy category high; long, niche, deep
    /// low). It is a function of the item's observable features, so a model can learn it.
    /// </summary>
    public double Bait(RecommendationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _bait[item.Index];
    }

    /// <summary>Conflict preset: how strongly bait draws this user's clicks (young and mobile users most).</summary>
    public static double BaitSusceptibility(RecommendationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var youth = Math.Clamp((AgeMean - user.Age) / AgeSpread, -2, 2);
        return Math.Exp((0.4 * youth) + (user.Device == "mobile" ? 0.5 : 0) - 0.25);
    }

    /// <summary>Conflict preset: how much this user's satisfaction rewards depth (older, desktop and TV users most).</summary>
    public static double DepthPreference(RecommendationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var youth = Math.Clamp((AgeMean - user.Age) / AgeSpread, -2, 2);
        return Math.Exp((-0.4 * youth) + (user.Device is "desktop" or "tv" ? 0.5 : 0) - 0.25);
    }

    private double ClickLogit(RecommendationUser user, RecommendationItem item, RecommendationContext context)
    {
        Span<double> inputs = stackalloc double[_clickWeights.Length];
        TaskInputs(user, item, context, inputs);
        if (Conflicting)
        {
            return (ConflictAffinityWeight * Affinity(user, item)) + (ConflictTaskWeight * TaskTerm(_clickWeights, inputs))
                + (Options.ConflictWeight * BaitSusceptibility(user) * _bait[item.Index]);
        }

        return (AffinityWeight * Affinity(user, item)) + (TaskWeight * TaskTerm(_clickWeights, inputs))
            + (ClickbaitWeight * PopularityStd(item));
    }

    private double SatisfactionLogit(RecommendationUser user, RecommendationItem item, RecommendationContext context)
    {
        Span<double> inputs = stackalloc double[_satisfactionWeights.Length];
        TaskInputs(user, item, context, inputs);
        if (Conflicting)
        {
            // ρ·(bait's pull on this user) - (1 - ρ)·(this user's taste for depth): at ρ = 1 satisfaction follows
            // clicks, at 0 it rewards long niche items, in between the sign depends on the user's segment.
            var rho = Options.TaskCorrelation;
            var bait = ((rho * BaitSusceptibility(user)) - ((1 - rho) * DepthPreference(user))) * _bait[item.Index];
            return (ConflictAffinityWeight * Affinity(user, item)) + (ConflictTaskWeight * TaskTerm(_satisfactionWeights, inputs))
                + (Options.ConflictWeight * bait);
        }

        var mobileLongForm = user.Device == "mobile" ? MobileLongFormPenalty * DurationStd(item) : 0;
        return (AffinityWeight * Affinity(user, item)) + (TaskWeight * TaskTerm(_satisfactionWeights, inputs)) - mobileLongForm;
    }

    /// <summary>Shared user-item affinity: taste · latent / sqrt(k), about unit variance.</summary>
    private static double Affinity(RecommendationUser user, RecommendationItem item) =>
        Dot(user.Taste, item.Latent) / Math.Sqrt(user.Taste.Length);

    /// <summary>
    /// The paper's §3.2 non-linearity on r = wᵀφ: r + Σ_{i=1..m} sin(i·r + (i-1)²), scaled to about unit variance.
    /// </summary>
    private double TaskTerm(double[] weights, ReadOnlySpan<double> inputs)
    {
        var r = 0.0;
        for (var j = 0; j < weights.Length; j++)
        {
            r += weights[j] * inputs[j];
        }

        var value = r;
        for (var i = 1; i <= Options.SinTerms; i++)
        {
            value += Math.Sin((i * r) + ((i - 1.0) * (i - 1.0)));
        }

        return value / _taskNorm;
    }

    /// <summary>φ: per-dimension taste×latent products, then age, hour (sin, cos), duration and popularity, each about unit variance.</summary>
    private void TaskInputs(RecommendationUser user, RecommendationItem item, RecommendationContext context, Span<double> inputs)
    {
        var k = user.Taste.Length;
        for (var j = 0; j < k; j++)
        {
            inputs[j] = user.Taste[j] * item.Latent[j];
        }

        var angle = 2 * Math.PI * context.Hour / 24.0;
        inputs[k] = (user.Age - AgeMean) / AgeSpread;
        inputs[k + 1] = Math.Sqrt(2) * Math.Sin(angle);
        inputs[k + 2] = Math.Sqrt(2) * Math.Cos(angle);
        inputs[k + 3] = DurationStd(item);
        inputs[k + 4] = PopularityStd(item);
    }

    private double DurationStd(RecommendationItem item) => (Math.Log(item.DurationMinutes) - _logDurationMean) / _logDurationStd;

    /// <summary>(-log duration + popularity + flashiness of the category), standardised over the items.</summary>
    private double[] BaitScores(RecommendationItem[] items)
    {
        var raw = items.Select(i => -DurationStd(i) + PopularityStd(i) + (0.7 * Flashiness.GetValueOrDefault(i.Category))).ToArray();
        if (raw.Length == 0)
        {
            return raw;
        }

        var mean = raw.Average();
        var std = Math.Sqrt(raw.Select(x => (x - mean) * (x - mean)).Average());
        return [.. raw.Select(x => std > 1e-12 ? (x - mean) / std : 0)];
    }

    private static double PopularityStd(RecommendationItem item) => (item.Popularity - 0.5) * Math.Sqrt(12);

    /// <summary>
    /// Sets both intercepts by bisection on impressions from the world's own calibration stream, so the rates
    /// stay realistic whatever the other knobs are. Mean click probability is monotone in the intercept.
    /// </summary>
    private void Calibrate(Random random)
    {
        var click = new double[CalibrationImpressions];
        var satisfaction = new double[CalibrationImpressions];
        for (var n = 0; n < CalibrationImpressions; n++)
        {
            var impression = SampleImpression(random);
            click[n] = ClickLogit(impression.User, impression.Item, impression.Context);
            satisfaction[n] = SatisfactionLogit(impression.User, impression.Item, impression.Context);
        }

        ClickBias = Intercept(click, Options.ClickRate);
        SatisfactionBias = Intercept(satisfaction, Options.SatisfactionGivenClick);
    }

    private static double Intercept(double[] logits, double target)
    {
        double low = -30, high = 30;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var middle = (low + high) / 2;
            var mean = 0.0;
            foreach (var z in logits)
            {
                mean += Sigmoid(middle + z);
            }

            if (mean / logits.Length < target)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static double HourWeight(string device, int hour)
    {
        var weight = 0.3 + Bump(hour, 20, 3);
        weight += device switch
        {
            "mobile" => (0.6 * Bump(hour, 8, 1.5)) + (0.5 * Bump(hour, 12.5, 1.5)) + (0.4 * Bump(hour, 22.5, 1.5)),
            "desktop" => 1.2 * Bump(hour, 11, 3),
            "tablet" => 0.6 * Bump(hour, 21, 2),
            _ => 2.0 * Bump(hour, 21, 2),
        };
        return hour < 6 ? 0.15 * weight : weight;
    }

    private static double Bump(int hour, double centre, double width)
    {
        var distance = Math.Abs(hour - centre);
        distance = Math.Min(distance, 24 - distance);
        return Math.Exp(-0.5 * (distance / width) * (distance / width));
    }

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    private static void Normalize(double[] vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        for (var j = 0; j < vector.Length; j++)
        {
            vector[j] /= norm;
        }
    }

    private static double[][] GaussianMatrix(Random random, int rows, int columns)
    {
        var matrix = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            matrix[r] = new double[columns];
            for (var c = 0; c < columns; c++)
            {
                matrix[r][c] = RandomStreams.Gaussian(random);
            }
        }

        return matrix;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{value}' is not one of {string.Join(", ", values)}.", nameof(value));
    }

    /// <summary>What a user is drawn from: country and device taste profiles, the age direction, country frequencies.</summary>
    private sealed record Population(double[][] CountryProfiles, double[][] DeviceProfiles, double[] AgeDirection, double[] CountryCumulative)
    {
        public RecommendationUser Draw(int index, Random random)
        {
            var k = AgeDirection.Length;
            var age = (int)Math.Clamp(Math.Round(AgeMean + (AgeSpread * RandomStreams.Gaussian(random))), 16, 80);
            var ageStd = (age - AgeMean) / AgeSpread;
            var country = RandomStreams.Pick(random, CountryCumulative);

            // Younger users lean to phones, older ones to desktops and TVs.
            double[] deviceLogits = [1.0 - (0.5 * ageStd), 0.3 * ageStd, -0.8, -0.5 + (0.3 * ageStd)];
            var device = RandomStreams.Pick(random, RandomStreams.Cumulative([.. deviceLogits.Select(Math.Exp)]));

            // Taste is partly predictable from observable features (country, age, device), partly individual.
            var taste = new double[k];
            for (var j = 0; j < k; j++)
            {
                taste[j] = (0.55 * CountryProfiles[country][j]) + (0.45 * ageStd * AgeDirection[j])
                    + (0.35 * DeviceProfiles[device][j]) + (0.6 * RandomStreams.Gaussian(random));
            }

            return new RecommendationUser(index, $"u{index:D5}", age, Countries[country], Devices[device], taste,
                Math.Exp(0.8 * RandomStreams.Gaussian(random)));
        }
    }
}
