using System.Diagnostics.CodeAnalysis;
using MmoeService.Serving.Inference;
using MmoeService.Contracts;

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
        ScoreRequest request,
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
            CheckCandidates(candidates, errors);
        }

        if (errors.Count > 0)
        {
            valid = null;
            problem = new ScoreProblem(StatusCodes.Status400BadRequest, "Invalid score request", "See errors for each field to fix.", errors);
            return false;
        }

        var itemIds = new string[candidates!.Count];
        var features = new IReadOnlyDictionary<string, FeatureValue>?[candidates.Count];
        for (var i = 0; i < itemIds.Length; i++)
        {
            itemIds[i] = candidates[i]!.ItemId!;
            features[i] = candidates[i]!.Features;
        }

        valid = new ValidScoreRequest(
            request.UserId!,
            string.IsNullOrWhiteSpace(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId,
            request.Context ?? [],
            itemIds,
            features,
            request.TopK,
            request.IncludeGates);
        problem = null;
        return true;
    }

    private static void CheckCandidates(List<ScoreCandidate?> candidates, Dictionary<string, string[]> errors)
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
}
