using System.Diagnostics.CodeAnalysis;
using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>Shape checks of a parsed request that need no model: user, candidate count, item ids, topK.</summary>
public static class ScoreRequestValidator
{
    public const int MaxRequestIdLength = 128;

    /// <summary>
    /// Checks <paramref name="request"/> and turns it into a <see cref="ValidScoreRequest"/>, generating a request id
    /// when none (or an empty one) is given; otherwise a 400 listing every failing field.
    /// </summary>
    public static bool TryValidate(
        ScoreInput request,
        int maxCandidates,
        [NotNullWhen(true)] out ValidScoreRequest? valid,
        [NotNullWhen(false)] out ScoreProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            errors["userId"] = ["userId is required."];
        }

        if (request.RequestId is { Length: > MaxRequestIdLength })
        {
            errors["requestId"] = [$"requestId may be at most {MaxRequestIdLength} characters."];
        }

        if (request.TopK is < 1)
        {
            errors["topK"] = ["topK must be at least 1 when given."];
        }

        if (request.ItemIds is not { Count: > 0 } ids)
        {
            errors["candidates"] = ["At least one candidate is required."];
        }
        else if (ids.Count > maxCandidates)
        {
            errors["candidates"] = [$"At most {maxCandidates} candidates per request (Scoring:MaxCandidates); got {ids.Count}."];
        }
        else
        {
            CheckCandidates(request, ids, errors);
        }

        if (errors.Count > 0)
        {
            valid = null;
            problem = new ScoreProblem(StatusCodes.Status400BadRequest, "Invalid score request", "See errors for each field to fix.", errors);
            return false;
        }

        valid = new ValidScoreRequest(
            request.UserId!,
            string.IsNullOrWhiteSpace(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId,
            request);
        problem = null;
        return true;
    }

    private static void CheckCandidates(ScoreInput request, ItemIdTable ids, Dictionary<string, string[]> errors)
    {
        var nulls = request.NullCandidates;
        var next = 0;
        for (var row = 0; row < ids.Count && errors.Count < FeatureVectoriser.MaxReportedErrors; row++)
        {
            if (next < nulls.Count && nulls[next] == row)
            {
                errors[$"candidates[{row}]"] = ["A candidate must be an object with an itemId."];
                next++;
            }
            else if (ids.Utf8(row).IsEmpty)
            {
                errors[$"candidates[{row}].itemId"] = ["itemId is required."];
            }
        }

        ids.FindRepeats(row =>
        {
            if (errors.Count >= FeatureVectoriser.MaxReportedErrors)
            {
                return false;
            }

            errors[$"candidates[{row}].itemId"] = [$"Duplicate itemId '{ids.Get(row)}'; item ids must be unique within a request."];
            return true;
        });
    }
}
