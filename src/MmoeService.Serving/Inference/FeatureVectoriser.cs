using MmoeService.Contracts;

namespace MmoeService.Serving.Inference;

/// <summary>
/// Builds a model version's input rows from a request's context and candidates through the trainer's own
/// <see cref="FeatureEncoder"/>: context features apply to every candidate, absent features are missing.
/// Reports, with every offending path at once, features the model does not take, features given both in the
/// context and in a candidate, and values of the wrong kind. Immutable and thread-safe: one per model version,
/// built when the version loads (<c>ModelSnapshot.Vectoriser</c>).
/// <para>
/// The schema is compiled once into a name → column table. A request is then encoded in two strokes: the context
/// is encoded once into a template row (every feature missing from a candidate takes its context value or the
/// missing encoding), and each candidate row is that template with the candidate's own few features written over
/// it: one table lookup per feature the candidate gives, no per-candidate closures or dictionaries.
/// </para>
/// </summary>
public sealed class FeatureVectoriser
{
    /// <summary>Stop collecting after this many errors: enough to fix a request, bounded for a hostile one.</summary>
    public const int MaxReportedErrors = 20;

    private static readonly Dictionary<string, FeatureValue> NoContext = new(StringComparer.Ordinal);

    private readonly FeatureEncoder _encoder;
    private readonly Dictionary<string, Column> _columns;
    private readonly string[] _expected;

    public FeatureVectoriser(FeatureEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = encoder;
        _expected = [.. encoder.Schema.Names];
        _columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < encoder.Schema.Numeric.Count; i++)
        {
            _columns[encoder.Schema.Numeric[i].Name] = new Column(Numeric: true, i);
        }

        for (var i = 0; i < encoder.Schema.Categorical.Count; i++)
        {
            _columns[encoder.Schema.Categorical[i].Name] = new Column(Numeric: false, i);
        }
    }

    /// <summary>
    /// Encodes one row per candidate into a pooled <see cref="EncodedBatch"/> the caller disposes; null when a
    /// feature is wrong, with the reason in <paramref name="failure"/>.
    /// </summary>
    /// <param name="context">Features shared by every candidate; null for none.</param>
    /// <param name="columns">The candidates' own features, one column per feature name (rows in request order).</param>
    /// <param name="rows">Candidates in the request.</param>
    /// <param name="failure">Every offending path (up to <see cref="MaxReportedErrors"/>) when the result is null.</param>
    public EncodedBatch? Encode(
        IReadOnlyDictionary<string, FeatureValue>? context,
        IReadOnlyList<FeatureColumn> columns,
        int rows,
        out EncodingFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(columns);
        context ??= NoContext;
        Dictionary<string, string[]>? errors = null;
        CheckNames(context, columns, ref errors);
        if (errors is not null)
        {
            failure = new EncodingFailure(
                "Unknown or repeated features",
                $"The model takes these features, each either in context or in a candidate: {string.Join(", ", _expected)}.",
                errors,
                _expected);
            return null;
        }

        var encoded = EncodedBatch.Rent(rows, _encoder.NumericWidth, _encoder.CategoricalWidth);
        EncodeRows(context, columns, encoded, ref errors);
        if (errors is not null)
        {
            encoded.Dispose();
            failure = new EncodingFailure(
                "Invalid feature values",
                "Numeric features take finite JSON numbers; categorical features take strings or numbers; null means missing.",
                errors,
                null);
            return null;
        }

        failure = null;
        return encoded;
    }

    private void EncodeRows(
        IReadOnlyDictionary<string, FeatureValue> context,
        IReadOnlyList<FeatureColumn> columns,
        EncodedBatch batch,
        ref Dictionary<string, string[]>? errors)
    {
        var numericWidth = batch.NumericWidth;
        var categoricalWidth = batch.CategoricalWidth;
        var numeric = batch.Numeric.Span;
        var categorical = batch.Categorical.Span;

        // The template is row 0 itself: every feature as the context (or its absence) gives it. The context is
        // encoded before any row copies it, and the candidates' own features are written after the copies.
        var numericTemplate = numeric[..numericWidth];
        var categoricalTemplate = categorical[..categoricalWidth];
        var schema = _encoder.Schema;
        for (var i = 0; i < numericWidth; i++)
        {
            var name = schema.Numeric[i].Name;
            context.TryGetValue(name, out var value);
            Encode(new Column(Numeric: true, i), value, numericTemplate, categoricalTemplate, $"context.{name}", ref errors);
        }

        for (var i = 0; i < categoricalWidth; i++)
        {
            var name = schema.Categorical[i].Name;
            context.TryGetValue(name, out var value);
            Encode(new Column(Numeric: false, i), value, numericTemplate, categoricalTemplate, $"context.{name}", ref errors);
        }

        for (var row = 1; row < batch.Rows; row++)
        {
            numericTemplate.CopyTo(numeric.Slice(row * numericWidth, numericWidth));
            categoricalTemplate.CopyTo(categorical.Slice(row * categoricalWidth, categoricalWidth));
        }

        // Every row holds the template now, so each candidate's own features go over it, one column at a time: the
        // feature's place in the row is looked up once per request, not once per candidate.
        foreach (var given in columns)
        {
            var column = _columns[given.Name];
            var rows = Math.Min(given.Rows, batch.Rows);
            for (var row = 0; row < rows && (errors?.Count ?? 0) < MaxReportedErrors; row++)
            {
                if (given.KindAt(row) == FeatureColumn.Kind.Absent)
                {
                    continue;
                }

                Encode(column, given.ValueAt(row), numeric.Slice(row * numericWidth, numericWidth), categorical.Slice(row * categoricalWidth, categoricalWidth), row, given.Name, ref errors);
            }
        }
    }

    private void Encode(Column column, FeatureValue value, Span<float> numeric, Span<long> categorical, int row, string name, ref Dictionary<string, string[]>? errors)
    {
        try
        {
            Write(column, value, numeric, categorical);
        }
        catch (FeatureEncodingException ex)
        {
            Report($"candidates[{row}].features.{name}", ex.Message, ref errors);
        }
    }

    private void Encode(Column column, FeatureValue value, Span<float> numeric, Span<long> categorical, string path, ref Dictionary<string, string[]>? errors)
    {
        try
        {
            Write(column, value, numeric, categorical);
        }
        catch (FeatureEncodingException ex)
        {
            Report(path, ex.Message, ref errors);
        }
    }

    private void Write(Column column, FeatureValue value, Span<float> numeric, Span<long> categorical)
    {
        if (column.Numeric)
        {
            numeric[column.Index] = FeatureEncoder.EncodeNumeric(_encoder.Schema.Numeric[column.Index], value);
        }
        else
        {
            categorical[column.Index] = _encoder.EncodeCategorical(column.Index, value);
        }
    }

    private static void Report(string path, string message, ref Dictionary<string, string[]>? errors)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (errors.Count < MaxReportedErrors)
        {
            errors[path] = [message];
        }
    }

    private void CheckNames(
        IReadOnlyDictionary<string, FeatureValue> context,
        IReadOnlyList<FeatureColumn> columns,
        ref Dictionary<string, string[]>? errors)
    {
        foreach (var name in context.Keys)
        {
            if (!_columns.ContainsKey(name))
            {
                Report($"context.{name}", $"Unknown feature '{name}'.", ref errors);
            }
        }

        foreach (var column in columns)
        {
            var known = _columns.ContainsKey(column.Name);
            var shared = context.Count > 0 && context.ContainsKey(column.Name);
            if (known && !shared)
            {
                continue;
            }

            for (var row = 0; row < column.Rows && (errors?.Count ?? 0) < MaxReportedErrors; row++)
            {
                if (column.KindAt(row) != FeatureColumn.Kind.Absent)
                {
                    CheckName(context, row, column.Name, ref errors);
                }
            }
        }
    }

    private void CheckName(IReadOnlyDictionary<string, FeatureValue> context, int row, string name, ref Dictionary<string, string[]>? errors)
    {
        if (!_columns.ContainsKey(name))
        {
            Report($"candidates[{row}].features.{name}", $"Unknown feature '{name}'.", ref errors);
        }
        else if (context.Count > 0 && context.ContainsKey(name))
        {
            Report($"candidates[{row}].features.{name}", $"Feature '{name}' is also given in context; give it in one place only.", ref errors);
        }
    }

    /// <summary>Where a feature goes in a row: the numeric or the categorical input, at <c>Index</c>.</summary>
    private readonly record struct Column(bool Numeric, int Index);
}
