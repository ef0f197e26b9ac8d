namespace MmoeService.Api.Scoring;

/// <summary>Shape checks of a parsed request that need no model: user, candidate count, item ids, topK.</summary>
public static class ScoreRequestValidator
{
    public const int MaxRequestIdLength = 128;

    /// <exception cref="ScoreRequestException">400 listing every failing field.</exception>
    public static void Validate(ScoreRequest request, int maxCandidates)
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

        var candidates = request.Candidates;
        if (candidates is null || candidates.Count == 0)
        {
            errors["candidates"] = ["At least one candidate is required."];
        }
        else if (candidates.Count > maxCandidates)
        {
            errors["candidates"] = [$"At most {maxCandidates} candidates per request (Scoring:MaxCandidates); got {candidates.Count}."];
        }
        else
        {
            var seen = new HashSet<string>(candidates.Count, StringComparer.Ordinal);
            for (var i = 0; i < candidates.Count && errors.Count < FeatureVectoriser.MaxReportedErrors; i++)
            {
                var itemId = candidates[i]?.ItemId;
                if (candidates[i] is null)
                {
                    errors[$"candidates[{i}]"] = ["A candidate must be an object with an itemId."];
                }
                else if (string.IsNullOrEmpty(itemId))
                {
                    errors[$"candidates[{i}].itemId"] = ["itemId is required."];
                }
                else if (!seen.Add(itemId))
                {
                    errors[$"candidates[{i}].itemId"] = [$"Duplicate itemId '{itemId}'; item ids must be unique within a request."];
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ScoreRequestException(StatusCodes.Status400BadRequest, "Invalid score request", "See errors for each field to fix.", errors);
        }
    }
}
