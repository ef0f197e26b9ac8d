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

    /// <summary>Longest array <see cref="WriteArray"/> formats in one stack buffer (a model's expert count is far below it).</summary>
    private const int MaxRawArray = 32;

    /// <summary>Most digits the fast path formats; more go through <see cref="Utf8Formatter"/>.</summary>
    private const int FastDigits = 9;

    private static readonly StandardFormat[] Formats = [.. Enumerable.Range(0, 18).Select(d => d == 0 ? default : new StandardFormat('G', (byte)d))];

    private static readonly uint[] WholePowers = [.. Enumerable.Range(0, FastDigits + 1).Select(d => (uint)Math.Pow(10, d))];

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
    /// Writes <paramref name="values"/> as one JSON array. A short array (a task's gate weights) is formatted into one
    /// buffer and handed to the writer once: the writer's per-value bookkeeping (separator, depth, flush checks)
    /// cost as much as the formatting itself when done for each of a 1,000-candidate answer's 8,000 gate weights.
    /// </summary>
    public static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<float> values, int significantDigits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (significantDigits == RoundTrip || values.Length > MaxRawArray)
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                Write(writer, value, significantDigits);
            }

            writer.WriteEndArray();
            return;
        }

        // Sized to the array, not to MaxRawArray: the runtime zeroes a stack buffer, and zeroing a 1 KB one per
        // gate array was a quarter of a 1,000-candidate pipeline (dotnet-trace, Buffer.ZeroMemoryInternal).
        Span<byte> text = stackalloc byte[2 + (values.Length * (MaxLength + 1))];
        var at = 0;
        text[at++] = (byte)'[';
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text[at++] = (byte)',';
            }

            if (float.IsFinite(values[i]))
            {
                at += Format(values[i], significantDigits, text[at..]);
            }
            else
            {
                "null"u8.CopyTo(text[at..]);
                at += 4;
            }
        }

        text[at++] = (byte)']';
        writer.WriteRawValue(text[..at], skipInputValidation: true);
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

    /// <summary>
    /// "G" notation without an exponent: .NET uses it when the decimal exponent is in [-4, digits). Every step is
    /// integer or table work (no Log10, no general float-to-text): this runs ~11,000 times per 1,000-candidate answer.
    /// </summary>
    private static bool TryFormatFixed(double value, int digits, Span<byte> text, out int written)
    {
        written = 0;
        var negative = value < 0;
        var x = negative ? -value : value;
        if (!(x >= 1e-4) || x >= 1e9)
        {
            return false;
        }

        // floor(log10 x) from the binary exponent (78913 / 2^18 is log10 2 to 6 digits), off by at most one.
        var binary = (int)((BitConverter.DoubleToUInt64Bits(x) >> 52) & 0x7FF) - 1023;
        var exponent = (binary * 78913) >> 18;
        if (x >= Power(exponent + 1))
        {
            exponent++;
        }
        else if (x < Power(exponent))
        {
            exponent--;
        }

        // Halves round away from zero, as Math.Round(AwayFromZero) would: x * 10^k < 2^52 here, so "+ 0.5" is exact.
        var mantissa = (uint)(x * Power(digits - 1 - exponent) + 0.5);
        if (mantissa >= WholePowers[digits])
        {
            // Rounding carried into a new digit (0.9999996 -> 1.00000).
            mantissa /= 10;
            exponent++;
        }

        if (exponent < -4 || exponent >= digits)
        {
            return false;
        }

        // Trailing zeros go: "G" prints 0.5, not 0.500000.
        while (mantissa >= 10 && mantissa % 10 == 0)
        {
            mantissa /= 10;
        }

        var at = 0;
        if (negative)
        {
            text[at++] = (byte)'-';
        }

        // The digits through Utf8Formatter, then the layout: "0.000" before them, zeros after them, or a point
        // among them (the fraction's digits move one place right to make room).
        var whole = exponent + 1;
        if (exponent < 0)
        {
            text[at++] = (byte)'0';
            text[at++] = (byte)'.';
            text.Slice(at, -1 - exponent).Fill((byte)'0');
            at += -1 - exponent;
        }

        Utf8Formatter.TryFormat(mantissa, text[at..], out var count);
        if (exponent < 0)
        {
            written = at + count;
        }
        else if (count <= whole)
        {
            // 1234.0 at six digits prints "1234": the digits, then zeros up to where the point would be.
            text.Slice(at + count, whole - count).Fill((byte)'0');
            written = at + whole;
        }
        else
        {
            text.Slice(at + whole, count - whole).CopyTo(text[(at + whole + 1)..]);
            text[at + whole] = (byte)'.';
            written = at + count + 1;
        }

        return true;
    }

    private static double Power(int exponent) => Powers[exponent + 30];
}
