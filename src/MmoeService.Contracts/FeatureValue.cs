using System.Globalization;

namespace MmoeService.Contracts;

/// <summary>A raw feature value before encoding: missing, a number, or a text.</summary>
public readonly record struct FeatureValue
{
    private FeatureValue(double? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The value when it is a number.</summary>
    public double? Number { get; }

    /// <summary>The value when it is a text.</summary>
    public string? Text { get; }

    /// <summary>True when neither a number nor a text was given.</summary>
    public bool IsMissing => Number is null && Text is null;

    /// <summary>A missing value (absent, JSON null, empty CSV cell, <c>?</c> in census data).</summary>
    public static FeatureValue Missing => default;

    /// <summary>A numeric value.</summary>
    public static FeatureValue FromNumber(double value) => new(value, null);

    /// <summary>A text value.</summary>
    public static FeatureValue FromText(string value) => new(null, value);

    /// <summary>
    /// The value as a category key. Numbers use the shortest round-trip invariant form, so the JSON
    /// number <c>3</c> and the CSV cell <c>3</c> are the same category.
    /// </summary>
    public string? AsCategory() => Text ?? Number?.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => IsMissing ? "<missing>" : AsCategory()!;
}
