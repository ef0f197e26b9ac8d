using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes the answer's numbers with a bounded number of significant digits (<see cref="ScoringOptions.SignificantDigits"/>):
/// formatting ~11,000 floats as shortest round-trip text was the largest single cost of a 1,000-candidate answer,
/// and six digits are more than a probability needs. A non-finite value, which JSON cannot carry, becomes null.
/// </summary>
public static class JsonFloats
{
    /// <summary>0 means "shortest text that reads back as the same float or double" (what System.Text.Json writes).</summary>
    public const int RoundTrip = 0;

    private static readonly StandardFormat[] Formats = [.. Enumerable.Range(0, 18).Select(d => d == 0 ? default : new StandardFormat('G', (byte)d))];

    public static void Write(Utf8JsonWriter writer, float value, int significantDigits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!float.IsFinite(value))
        {
            writer.WriteNullValue();
        }
        else if (significantDigits == RoundTrip)
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            Span<byte> text = stackalloc byte[32];
            var written = Format(value, significantDigits, text);
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
    }

    public static void Write(Utf8JsonWriter writer, double value, int significantDigits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!double.IsFinite(value))
        {
            writer.WriteNullValue();
        }
        else if (significantDigits == RoundTrip)
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            Span<byte> text = stackalloc byte[32];
            var written = Format(value, significantDigits, text);
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
    }

    /// <summary>
    /// Utf8Formatter's "G" with a precision prints at most that many significant digits and uses JSON-compatible
    /// exponent notation (<c>1.5E-07</c>) for small values; a float's digits beyond its own precision are noise.
    /// </summary>
    private static int Format(double value, int significantDigits, Span<byte> text)
    {
        if (!Utf8Formatter.TryFormat(value, text, out var written, Formats[Math.Min(significantDigits, Formats.Length - 1)]))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{value} does not fit the number buffer."));
        }

        return written;
    }

    private static int Format(float value, int significantDigits, Span<byte> text)
    {
        if (!Utf8Formatter.TryFormat(value, text, out var written, Formats[Math.Min(significantDigits, Formats.Length - 1)]))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{value} does not fit the number buffer."));
        }

        return written;
    }
}
