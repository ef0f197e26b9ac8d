using MmoeService.Contracts;

namespace MmoeService.Api.Scoring;

/// <summary>
/// Builds a model's input rows from a request's context and candidates through the trainer's own
/// <see cref="FeatureEncoder"/>: context features apply to every candidate, absent features are missing.
/// Rejects, with every offending path at once, features the model does not take, features given both in
/// the context and in a candidate, and values of the wrong kind. Cheap to build, one per request.
/// </summary>
public sealed class FeatureVectoriser
{
    /// <summary>Stop collecting after this many errors: enough to fix a request, bounded for a hostile one.</summary>
    public const int MaxReportedErrors = 20;

    private readonly FeatureEncoder _encoder;
    private readonly HashSet<string> _names;

    public FeatureVectoriser(FeatureEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _encoder = encoder;
        _names = new HashSet<string>(encoder.Schema.Names, StringComparer.Ordinal);
    }

    /// <exception cref="ScoreRequestException">Unknown, doubled or wrongly typed features (400).</exception>
    public EncodedBatch Vectorise(IReadOnlyDictionary<string, FeatureValue>? context, IReadOnlyList<ScoreCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        context ??= new Dictionary<string, FeatureValue>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckNames(context, candidates, errors);
        if (errors.Count > 0)
        {
            var expected = _encoder.Schema.Names.ToArray();
            throw new ScoreRequestException(
                StatusCodes.Status400BadRequest,
                "Unknown or repeated features",
                $"The model takes these features, each either in context or in a candidate: {string.Join(", ", expected)}.",
                errors,
                new Dictionary<string, object?> { ["expectedFeatures"] = expected });
        }

        var rows = candidates.Count;
        var numericWidth = _encoder.NumericWidth;
        var categoricalWidth = _encoder.CategoricalWidth;
        var numeric = new float[rows * numericWidth];
        var categorical = new long[rows * categoricalWidth];
        for (var row = 0; row < rows && errors.Count < MaxReportedErrors; row++)
        {
            var features = candidates[row].Features;
            try
            {
                _encoder.EncodeRow(
                    name => features is not null && features.TryGetValue(name, out var own) ? own
                        : context.TryGetValue(name, out var shared) ? shared
                        : FeatureValue.Missing,
                    numeric.AsSpan(row * numericWidth, numericWidth),
                    categorical.AsSpan(row * categoricalWidth, categoricalWidth));
            }
            catch (FeatureEncodingException ex)
            {
                var path = features?.ContainsKey(ex.Feature) == true ? $"candidates[{row}].features.{ex.Feature}" : $"context.{ex.Feature}";
                errors[path] = [ex.Message];
            }
        }

        if (errors.Count > 0)
        {
            throw new ScoreRequestException(
                StatusCodes.Status400BadRequest,
                "Invalid feature values",
                "Numeric features take finite JSON numbers; categorical features take strings or numbers; null means missing.",
                errors);
        }

        return new EncodedBatch(rows, numeric, numericWidth, categorical, categoricalWidth);
    }

    private void CheckNames(IReadOnlyDictionary<string, FeatureValue> context, IReadOnlyList<ScoreCandidate> candidates, Dictionary<string, string[]> errors)
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
            if (candidates[row].Features is not { } features)
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
