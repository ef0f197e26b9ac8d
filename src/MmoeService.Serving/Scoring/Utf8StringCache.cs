using System.Text;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Feature names, and most categorical values, repeat in every candidate of a request (and of the next one):
/// reading them through this cache hands out one string per distinct text instead of one per occurrence. A small
/// per-thread table of recent texts, compared byte for byte against the reader's raw value; an escaped or
/// long value bypasses it. Parsing is synchronous, so the table never crosses threads.
/// </summary>
internal static class Utf8StringCache
{
    private const int Slots = 64;
    private const int MaxLength = 64;

    [ThreadStatic]
    private static Entry[]? _entries;

    [ThreadStatic]
    private static int _next;

    /// <summary>The reader's current property name or string value, shared with earlier reads of the same text.</summary>
    public static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        var raw = reader.ValueSpan;
        var entries = _entries ??= new Entry[Slots];
        foreach (var entry in entries)
        {
            if (entry is null)
            {
                break;
            }

            if (raw.SequenceEqual(entry.Utf8))
            {
                return entry.Text;
            }
        }

        var text = Encoding.UTF8.GetString(raw);
        entries[_next] = new Entry(raw.ToArray(), text);
        _next = (_next + 1) % Slots;
        return text;
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
