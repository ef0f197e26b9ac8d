using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MmoeService.Contracts;
using MmoeService.Serving.Http;
using MmoeService.Serving.Observability;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Reads and parses a <c>POST /score</c> body by hand rather than through minimal-API binding, so every way a
/// body can be wrong gets its own problem details: 415 for a non-JSON content type, 413 past
/// <see cref="ScoringOptions.MaxRequestBodyBytes"/>, 400 with the JSON path for malformed JSON or a wrong type.
/// <para>
/// The body is read with a <see cref="Utf8JsonReader"/> straight into a <see cref="ScoreInput"/>'s columns: no
/// object per candidate, item ids copied as UTF-8, feature names and repeated texts shared through
/// <see cref="Utf8StringCache"/>. The rules are those of the documented <see cref="ScoreRequest"/> shape read
/// strictly: property names match case-insensitively (the web defaults), unknown properties are skipped, a property
/// given twice is an error rather than last-wins, numbers must be JSON numbers, feature values are a finite number,
/// a string or null.
/// </para>
/// </summary>
public sealed class ScoreRequestReader(IOptions<ScoringOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    [Flags]
    private enum Seen
    {
        None = 0,
        UserId = 1,
        RequestId = 2,
        Context = 4,
        Candidates = 8,
        TopK = 16,
        IncludeGates = 32,
        ItemId = 64,
        Features = 128,
    }

    /// <summary>The parsed body, or the problem (415, 413 or 400) that stops it from being scored; the caller disposes the input.</summary>
    public async Task<(ScoreInput? Request, ScoreProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ScoringActivities.Start("parse");
        if (!request.HasJsonContentType())
        {
            return (null, new ScoreProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'."));
        }

        var (body, problem) = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using var read = body;
        return Read(body.WrittenSpan);
    }

    /// <summary>
    /// The parsed body, or a 400 naming the JSON path at fault. (Not "TryParse": minimal APIs would take this type
    /// for a bindable parameter.)
    /// </summary>
    public static (ScoreInput? Request, ScoreProblem? Problem) Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var parsed = Parse(utf8);
            return parsed is null
                ? (null, new ScoreProblem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object, not null."))
                : (parsed, null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path;
            return (null, new ScoreProblem(
                StatusCodes.Status400BadRequest,
                "Malformed JSON",
                ex.Message,
                path is null ? null : new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = [PooledBody.FirstSentence(ex.Message)] }));
        }
    }

    /// <summary>Parses a UTF-8 body; null for a JSON <c>null</c>. The caller disposes the result.</summary>
    /// <exception cref="JsonException">Malformed JSON, a wrong type, a repeated property or a bad feature value.</exception>
    public static ScoreInput? Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"The body must be a JSON object; got {Describe(reader.TokenType)}.", "$");
        }

        var input = new ScoreInput();
        try
        {
            ReadRequest(ref reader, input, Math.Max(16, utf8.Length / 96));
            End(ref reader);
            return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    private static void ReadRequest(ref Utf8JsonReader reader, ScoreInput input, int rowsHint)
    {
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = Property(ref reader, seen, -1, Seen.UserId | Seen.RequestId | Seen.Context | Seen.Candidates | Seen.TopK | Seen.IncludeGates);
            seen |= property;
            Next(ref reader);
            switch (property)
            {
                case Seen.UserId:
                    input.UserId = Text(ref reader, "$.userId");
                    break;
                case Seen.RequestId:
                    input.RequestId = Text(ref reader, "$.requestId");
                    break;
                case Seen.TopK:
                    input.TopK = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.Number when reader.TryGetInt32(out var topK) => topK,
                        _ => throw Error("topK must be a whole number.", "$.topK"),
                    };
                    break;
                case Seen.IncludeGates:
                    input.IncludeGates = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw Error("includeGates must be true or false.", "$.includeGates"),
                    };
                    break;
                case Seen.Context:
                    input.Context = ReadContext(ref reader);
                    break;
                case Seen.Candidates:
                    ReadCandidates(ref reader, input, rowsHint);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static FeatureDictionary? ReadContext(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error("context must be an object of feature name to value.", "$.context");
        }

        var context = new FeatureDictionary();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = Utf8StringCache.Get(ref reader);
            Next(ref reader);
            if (!context.TryAdd(name, Value(ref reader, name, row: -1)))
            {
                throw Error($"Feature '{name}' is given twice in context.", $"$.context.{name}");
            }
        }

        return context;
    }

    private static void ReadCandidates(ref Utf8JsonReader reader, ScoreInput input, int rowsHint)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error("candidates must be an array of candidate objects.", "$.candidates");
        }

        using var ids = new ItemIdTable.Builder(rowsHint * 12);
        var row = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                input.MarkNullCandidate(row);
                ids.Add(ReadOnlySpan<byte>.Empty);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadCandidate(ref reader, input, ids, row, rowsHint);
            }
            else
            {
                throw Error("A candidate must be an object with an itemId.", $"$.candidates[{row}]");
            }

            row++;
        }

        input.ItemIds = ids.Build();
    }

    private static void ReadCandidate(ref Utf8JsonReader reader, ScoreInput input, ItemIdTable.Builder ids, int row, int rowsHint)
    {
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = Property(ref reader, seen, row, Seen.ItemId | Seen.Features);
            seen |= property;
            Next(ref reader);
            switch (property)
            {
                case Seen.ItemId:
                    ReadItemId(ref reader, ids, row);
                    break;
                case Seen.Features:
                    ReadFeatures(ref reader, input, row, rowsHint);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if ((seen & Seen.ItemId) == 0)
        {
            ids.Add(ReadOnlySpan<byte>.Empty);
        }
    }

    private static void ReadItemId(ref Utf8JsonReader reader, ItemIdTable.Builder ids, int row)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                ids.Add(ReadOnlySpan<byte>.Empty);
                break;
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                ids.Add(reader.ValueSpan);
                break;
            case JsonTokenType.String:
                // Unescaped text is never longer than its escaped form.
                var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                ids.Next(reader.CopyString(ids.Free(length)));
                break;
            default:
                throw Error("itemId must be a string.", $"$.candidates[{row}].itemId");
        }
    }

    private static void ReadFeatures(ref Utf8JsonReader reader, ScoreInput input, int row, int rowsHint)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error("Candidate features must be an object of feature name to value.", $"$.candidates[{row}].features");
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = Utf8StringCache.Get(ref reader);
            Next(ref reader);
            var value = Value(ref reader, name, row);
            if (!input.Column(name, rowsHint).TrySet(row, value))
            {
                throw Error($"Feature '{name}' is given twice in one candidate.", $"$.candidates[{row}].features.{name}");
            }
        }
    }

    /// <summary>A feature value at the reader's token: a finite number, a string, or null (missing).</summary>
    private static FeatureValue Value(ref Utf8JsonReader reader, string name, int row)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return FeatureValue.Missing;
            case JsonTokenType.String:
                return FeatureValue.FromText(Utf8StringCache.Get(ref reader));
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return FeatureValue.FromNumber(number);
                }

                throw Error($"Feature '{name}': feature values must be finite numbers; this number does not fit a double.", FeaturePath(name, row));
            default:
                throw Error($"Feature '{name}': feature values must be a number, a string or null; got {Describe(reader.TokenType)}.", FeaturePath(name, row));
        }
    }

    private static string? Text(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw Error($"{path[2..]} must be a string.", path),
    };

    /// <summary>
    /// Which of <paramref name="known"/> the property at the reader is (None for an unknown one); a known one seen
    /// before is an error. <paramref name="row"/> is the candidate's (-1 for the body's own properties); the path
    /// is built only for an error, never per candidate.
    /// </summary>
    private static Seen Property(ref Utf8JsonReader reader, Seen seen, int row, Seen known)
    {
        var property = Seen.None;
        foreach (var candidate in Names)
        {
            if ((known & candidate.Flag) != 0 && NameIs(ref reader, candidate.Utf8))
            {
                property = candidate.Flag;
                break;
            }
        }

        if (property != Seen.None && (seen & property) != 0)
        {
            throw GivenTwice(property, row);
        }

        return property;
    }

    // Kept out of Property: a lambda there would capture its locals, and C# allocates the closure on every call.
    private static JsonException GivenTwice(Seen property, int row)
    {
        var name = string.Empty;
        foreach (var candidate in Names)
        {
            if (candidate.Flag == property)
            {
                name = Encoding.UTF8.GetString(candidate.Utf8);
            }
        }

        return Error($"Property '{name}' is given twice; give each property once.", row < 0 ? $"$.{name}" : $"$.candidates[{row}].{name}");
    }

    private static readonly (Seen Flag, byte[] Utf8)[] Names =
    [
        (Seen.UserId, "userId"u8.ToArray()),
        (Seen.RequestId, "requestId"u8.ToArray()),
        (Seen.Context, "context"u8.ToArray()),
        (Seen.Candidates, "candidates"u8.ToArray()),
        (Seen.TopK, "topK"u8.ToArray()),
        (Seen.IncludeGates, "includeGates"u8.ToArray()),
        (Seen.ItemId, "itemId"u8.ToArray()),
        (Seen.Features, "features"u8.ToArray()),
    ];

    /// <summary>Case-insensitive, like the web defaults of System.Text.Json; the exact spelling is the fast path.</summary>
    private static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.ValueTextEquals(name))
        {
            return true;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        return string.Equals(reader.GetString(), Encoding.UTF8.GetString(name), StringComparison.OrdinalIgnoreCase);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Error("The body ends before the JSON value does.", null);
        }

        return reader.TokenType;
    }

    /// <summary>Nothing may follow the body's value.</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw Error("The body has more after its JSON value.", null);
        }
    }

    private static string FeaturePath(string name, int row) => row < 0 ? $"$.context.{name}" : $"$.candidates[{row}].features.{name}";

    private static JsonException Error(string message, string? path) => new(message, path, null, null);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        _ => token.ToString(),
    };

    private async Task<(PooledBody? Body, ScoreProblem? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await PooledBody.ReadAsync(request, _limit, cancellationToken);
            return body is null ? (null, TooLarge()) : (body, null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new ScoreProblem(ex.StatusCode, "Bad request body", ex.Message));
        }
    }

    private ScoreProblem TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"The body may be at most {_limit} bytes ({ScoringOptions.SectionName}:MaxRequestBodyBytes).");
}
