using MmoeService.Contracts;
using MmoeService.Serving.Scoring;

namespace MmoeService.Serving.Grpc;

/// <summary>
/// Turns the gRPC request's columns into the pipeline's <see cref="ScoreInput"/> (column for column, no object per
/// candidate), so gRPC and REST share validation, routing, encoding and exposures. Only the wire shape is checked here (a column per feature with one
/// value per candidate, numbers or texts, no name twice); everything else is the pipeline's, with REST's paths.
/// </summary>
public static class ColumnarRequest
{
    /// <returns>The request, or null with the reason in <paramref name="problem"/> (always a 400).</returns>
    public static ScoreInput? ToScoreInput(ScoreRequest request, out ScoreProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        var count = request.ItemIds.Count;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < request.Columns.Count; c++)
        {
            var column = request.Columns[c];
            var path = $"columns[{c}]";
            if (string.IsNullOrEmpty(column.Name))
            {
                errors[path + ".name"] = ["A column needs the feature's name."];
            }
            else if (!seen.Add(column.Name))
            {
                errors[path + ".name"] = [$"Feature '{column.Name}' has two columns."];
            }

            if ((column.Numbers.Count > 0) == (column.Texts.Count > 0))
            {
                errors[path] = ["A column carries either numbers or texts, one per candidate."];
            }
            else if (Math.Max(column.Numbers.Count, column.Texts.Count) != count)
            {
                errors[path] = [$"Column '{column.Name}' has {Math.Max(column.Numbers.Count, column.Texts.Count)} values for {count} candidates."];
            }
        }

        if (errors.Count > 0)
        {
            problem = new ScoreProblem(StatusCodes.Status400BadRequest, "Invalid score request", "See errors for each field to fix.", errors);
            return null;
        }

        var input = new ScoreInput
        {
            UserId = request.UserId,
            RequestId = request.RequestId,
            TopK = request.TopK == 0 ? null : request.TopK,
            IncludeGates = request.IncludeGates,
            ItemIds = count == 0 ? null : ItemIdTable.Of(request.ItemIds),
        };
        foreach (var column in request.Columns)
        {
            // A missing value leaves the row absent: it takes the context's value, as an omitted JSON feature does.
            var target = input.Column(column.Name, count);
            for (var i = 0; i < count; i++)
            {
                var value = column.Numbers.Count > 0 ? Number(column.Numbers[i]) : Text(column.Texts[i]);
                if (!value.IsMissing)
                {
                    target.TrySet(i, value);
                }
            }
        }

        if (request.Context.Count > 0)
        {
            var context = new FeatureDictionary(request.Context.Count);
            foreach (var (name, value) in request.Context)
            {
                context.TryAdd(name, value.KindCase switch
                {
                    FeatureValue.KindOneofCase.Number => Number(value.Number),
                    FeatureValue.KindOneofCase.Text => Text(value.Text),
                    _ => Contracts.FeatureValue.Missing,
                });
            }

            input.Context = context;
        }

        problem = null;
        return input;
    }

    // NaN and the empty text are the columns' "missing"; infinities stay numbers, so the encoder refuses them as REST does.
    private static Contracts.FeatureValue Number(double value) =>
        double.IsNaN(value) ? Contracts.FeatureValue.Missing : Contracts.FeatureValue.FromNumber(value);

    private static Contracts.FeatureValue Text(string value) =>
        value.Length == 0 ? Contracts.FeatureValue.Missing : Contracts.FeatureValue.FromText(value);
}
