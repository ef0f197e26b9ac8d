using MmoeService.Contracts;

namespace MmoeService.Api.Inference;

/// <summary>
/// Builds a model version's input rows from a request's context and candidates through the trainer's own
/// <see cref="FeatureEncoder"/>: context features apply to every candidate, absent features are missing.
/// Reports, with every offending path at once, features the model does not take, features given both in the
/// context and in a candidate, and values of the wrong kind. Immutable and thread-safe: one per model version,
/// built when the version loads (<c>ModelSnapshot.Vectoriser</c>).
/// </summary>
public sealed class FeatureVectoriser
{
    /// <summary>Stop collecting after this many errors: enough to fix a request, bounded for a hostile one.</summary>
    public const int MaxReportedErrors = 20;

    private static readonly Dictionary<string, FeatureValue> NoContext = new(StringComparer.Ordinal);

    private readonly FeatureEncoder _encoder;
    private readonly HashSet<string> _names;
    private readonly string[] _expected;

    public FeatureVectoriser(FeatureEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = encoder;
        _names = new HashSet<string>(encoder.Schema.Names, StringComparer.Ordinal);
        _expected = [.. encoder.Schema.Names];
    }

    /// <summary>
    /// Encodes one row per candidate into a pooled <see cref="EncodedBatch"/> the caller disposes; null when a
    /// feature is wrong, with the reason in <paramref name="failure"/>.
    /// </summary>
    /// <param name="context">Features shared by every candidate; null for none.</param>
    /// <param name="candidates">Each candidate's own features (null for none), in request order.</param>
    /// <param name="failure">Every offending path (up to <see cref="MaxReportedErrors"/>) when the result is null.</param>
    public EncodedBatch? Encode(
        IReadOnlyDictionary<string, FeatureValue>? context,
        IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> candidates,
        out EncodingFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        context ??= NoContext;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckNames(context, candidates, errors);
        if (errors.Count > 0)
        {
            failure = new EncodingFailure(
                "Unknown or repeated features",
                $"The model takes these features, each either in context or in a candidate: {string.Join(", ", _expected)}.",
                errors,
                _expected);
            return null;
        }

        var encoded = EncodedBatch.Rent(candidates.Count, _encoder.NumericWidth, _encoder.CategoricalWidth);
        EncodeRows(context, candidates, encoded, errors);
        if (errors.Count > 0)
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
        IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> candidates,
        EncodedBatch batch,
        Dictionary<string, string[]> errors)
    {
        var numericWidth = batch.NumericWidth;
        var categoricalWidth = batch.CategoricalWidth;
        var numeric = batch.Numeric.Span;
        var categorical = batch.Categorical.Span;
        for (var row = 0; row < candidates.Count && errors.Count < MaxReportedErrors; row++)
        {
            var features = candidates[row];
            try
            {
                _encoder.EncodeRow(
                    name => FeatureLookup.Resolve(features, context, name),
                    numeric.Slice(row * numericWidth, numericWidth),
                    categorical.Slice(row * categoricalWidth, categoricalWidth));
            }
            catch (FeatureEncodingException ex)
            {
                var path = features?.ContainsKey(ex.Feature) == true ? $"candidates[{row}].features.{ex.Feature}" : $"context.{ex.Feature}";
                errors[path] = [ex.Message];
            }
        }
    }

    private void CheckNames(
        IReadOnlyDictionary<string, FeatureValue> context,
        IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> candidates,
        Dictionary<string, string[]> errors)
    {
        foreach (var name in context.Keys)
        {
            if (!_names.Contains(name) && errors.Count < MaxReportedErrors)
            {
                errors[$"context.{name}"] = [$"Unknown feature '{name}'."];
            }
        }

        for (var row = 0; row < candidates.Count && errors.Count < MaxReportedErrors; row++)
        {
            if (candidates[row] is not { } features)
            {
                continue;
            }

            foreach (var name in features.Keys)
            {
                if (!_names.Contains(name))
                {
                    errors[$"candidates[{row}].features.{name}"] = [$"Unknown feature '{name}'."];
                }
                else if (context.ContainsKey(name))
                {
                    errors[$"candidates[{row}].features.{name}"] = [$"Feature '{name}' is also given in context; give it in one place only."];
                }
            }
        }
    }
}
