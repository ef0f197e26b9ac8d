using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Hand-made feature schemas: small enough to compute expected encodings by hand.</summary>
public static class Schemas
{
    /// <summary>Numeric age (context) and duration (item); vocabulary country (context) and category (item).</summary>
    public static FeatureSchema Mixed { get; } = new(
        [new NumericFeature("age", 30, 10), new NumericFeature("duration", 100, 50)],
        [
            new CategoricalFeature("country", CategoricalEncoding.Vocabulary, ["DE", "FR"], 0, 4),
            new CategoricalFeature("category", CategoricalEncoding.Vocabulary, ["news", "sports", "music"], 0, 4),
        ]);

    public static FeatureSchema NumericOnly { get; } = new([new NumericFeature("x", 0, 2)], []);
}
