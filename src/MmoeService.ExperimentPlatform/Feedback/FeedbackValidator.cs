using System.Globalization;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>
/// Checks a feedback batch and names each bad field by its index (<c>events[3].requestId</c>), all problems at once;
/// a batch with any bad event is refused whole, so a retry after fixing it never writes half twice.
/// </summary>
public static class FeedbackValidator
{
    public const int MaxRequestIdLength = 128;
    public const int MaxItemIdLength = 256;

    /// <returns>The events, or null with <paramref name="errors"/> filled.</returns>
    public static IReadOnlyList<FeedbackEvent>? Validate(
        FeedbackRequest request, FeedbackOptions options, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Events is not { Count: > 0 } events)
        {
            errors["events"] = ["Send at least one event: { \"events\": [ { \"requestId\", \"itemId\", \"clicked\", \"satisfied\", \"time\" } ] }."];
            return null;
        }

        if (events.Count > options.MaxEvents)
        {
            errors["events"] = [$"At most {options.MaxEvents} events per batch (Feedback:MaxEvents); got {events.Count}. Split the batch."];
            return null;
        }

        var valid = new List<FeedbackEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var at = "events[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (events[i] is not { } body)
            {
                errors[at] = ["An event must be an object, not null."];
                continue;
            }

            var problems = errors.Count;
            Require(errors, at + ".requestId", body.RequestId, MaxRequestIdLength);
            Require(errors, at + ".itemId", body.ItemId, MaxItemIdLength);
            if (body.Clicked is null)
            {
                errors[at + ".clicked"] = ["clicked is required (true or false)."];
            }
            else if (body.Satisfied == true && body.Clicked == false)
            {
                errors[at + ".satisfied"] = ["satisfied requires clicked: satisfaction is a click that satisfied."];
            }

            if (body.Time is { } time && time > now + options.MaxClockSkew)
            {
                errors[at + ".time"] = [$"time {time:O} lies in the future (more than {options.MaxClockSkew} ahead of the service clock)."];
            }

            if (errors.Count == problems)
            {
                valid.Add(new FeedbackEvent(body.RequestId!, body.ItemId!, body.Clicked!.Value, body.Satisfied ?? false, body.Time ?? now));
            }
        }

        return errors.Count == 0 ? valid : null;
    }

    private static void Require(Dictionary<string, string[]> errors, string key, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[key] = ["Required, non-empty."];
        }
        else if (value.Length > maxLength)
        {
            errors[key] = [$"At most {maxLength} characters; got {value.Length}."];
        }
    }
}
