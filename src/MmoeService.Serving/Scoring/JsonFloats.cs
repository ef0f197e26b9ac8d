using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes the answer's numbers with a bounded number of significant digits (<see cref="ScoringOptions.SignificantDigits"/>):
/// formatting ~11,000 floats was the largest single cost of a 1,000-candidate answer, and six digits are more than a
/// probability needs. The text is what .NET's "G" format with that precision prints (<c>0.0412</c>, <c>0.123457</c>,
/// <c>1.5E-07</c>), except that a value exactly halfway between two last digits may round the other way: at most one
/// unit in the last digit. A non-finite value, which JSON cannot carry, becomes null.
/// </summary>
public static class JsonFloats
{
    /// <summary>0 means "shortest text that reads back as the same float or double" (what System.Text.Json writes).</summary>
    public const int RoundTrip = 0;

    /// <summary>Longest text <see cref="Format(double, int, Span{byte})"/> writes.</summary>
    public const int MaxLength = 32;

    /// <summary>Most digits the fast path formats; more go through <see cref="Utf8Formatter"/>.</summary>
    private const int FastDigits = 9;

    private static readonly StandardFormat[] Formats = [.. Enumerable.Range(0, 18).Select(d => d == 0 ? default : new StandardFormat('G', (byte)d))];

    private static readonly double[] Powers = [.. Enumerable.Range(-30, 61).Select(e => double.Parse($"1e{e}", CultureInfo.InvariantCulture))];

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
            Span<byte> text = stackalloc byte[MaxLength];
            writer.WriteRawValue(text[..Format(value, significantDigits, text)], skipInputValidation: true);
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
            Span<byte> text = stackalloc byte[MaxLength];
            writer.WriteRawValue(text[..Format(value, significantDigits, text)], skipInputValidation: true);
        }
    }

    /// <summary>
    /// Writes a finite <paramref name="value"/> with at most <paramref name="significantDigits"/> (1-17) significant
    /// digits into <paramref name="text"/> (at least <see cref="MaxLength"/> bytes); returns the bytes written.
    /// Values between 1e-4 and 10^digits, the range of probabilities and scores, take a fast path: scale to an
    /// integer of that many digits, round, and place the decimal point (no general float-to-text algorithm).
    /// Everything else (zero, exponent notation) goes through <see cref="Utf8Formatter"/>'s "G" format.
    /// </summary>
    public static int Format(double value, int significantDigits, Span<byte> text)
    {
        if (significantDigits <= FastDigits && TryFormatFixed(value, significantDigits, text, out var written))
        {
            return written;
        }

        if (!Utf8Formatter.TryFormat(value, text, out written, Formats[Math.Min(significantDigits, Formats.Length - 1)]))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{value} does not fit the number buffer."));
        }

        return written;
    }

    /// <summary>
    /// A float's own text: "G" on the float, not on its widened double, so that a float's shortest form (the
    /// digits beyond its ~7-digit precision are noise) is what a high digit count falls back to.
    /// </summary>
    public static int Format(float value, int significantDigits, Span<byte> text)
    {
        if (significantDigits <= FastDigits && TryFormatFixed(value, significantDigits, text, out var written))
        {
            return written;
        }

        if (!Utf8Formatter.TryFormat(value, text, out written, Formats[Math.Min(significantDigits, Formats.Length - 1)]))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{value} does not fit the number buffer."));
        }

        return written;
    }

    /// <summary>"G" notation without an exponent: .NET uses it when the decimal exponent is in [-4, digits).</summary>
    private static bool TryFormatFixed(double value, int digits, Span<byte> text, out int written)
    {
        written = 0;
        var negative = value < 0;
        var x = negative ? -value : value;
        if (!(x >= 1e-4) || x >= 1e9)
        {
            return false;
        }

        var exponent = (int)Math.Floor(Math.Log10(x));
        if (x < Power(exponent))
        {
            exponent--;
        }
        else if (x >= Power(exponent + 1))
        {
            exponent++;
        }

        var mantissa = (long)Math.Round(x * Power(digits - 1 - exponent), MidpointRounding.AwayFromZero);
        if (mantissa >= (long)Power(digits))
        {
            // Rounding carried into a new digit (0.9999996 -> 1.00000).
            mantissa /= 10;
            exponent++;
        }

        if (exponent < -4 || exponent >= digits)
        {
            return false;
        }

        var significant = digits;
        while (significant > 1 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            significant--;
        }

        Span<byte> figures = stackalloc byte[FastDigits];
        for (var i = significant - 1; i >= 0; i--)
        {
            figures[i] = (byte)('0' + (mantissa % 10));
            mantissa /= 10;
        }

        var at = 0;
        if (negative)
        {
            text[at++] = (byte)'-';
        }

        if (exponent < 0)
        {
            text[at++] = (byte)'0';
            text[at++] = (byte)'.';
            for (var i = -1; i > exponent; i--)
            {
                text[at++] = (byte)'0';
            }

            figures[..significant].CopyTo(text[at..]);
            at += significant;
        }
        else
        {
            var whole = exponent + 1;
            for (var i = 0; i < whole; i++)
            {
                text[at++] = i < significant ? figures[i] : (byte)'0';
            }

            if (significant > whole)
            {
                text[at++] = (byte)'.';
                figures[whole..significant].CopyTo(text[at..]);
                at += significant - whole;
            }
        }

        written = at;
        return true;
    }

    private static double Power(int exponent) => Powers[exponent + 30];
}
