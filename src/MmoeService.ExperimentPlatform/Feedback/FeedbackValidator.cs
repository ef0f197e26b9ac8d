using System.Globalization;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>
/// Checks a feedback batch and names each bad field by its index (<c>events[3].requestId</c>), all problems at once;
/// a batch with any bad event is refused whole, so a retry after fixing it never writes half twice. Each event's
/// outcomes become a task-name map: from <c>outcomes</c> directly, or from the boolean fields through
/// <see cref="OutcomeFieldOptions.Fields"/>.
/// </summary>
public static class FeedbackValidator
{
    public const int MaxRequestIdLength = 128;
    public const int MaxItemIdLength = 256;
    public const int MaxTaskNameLength = 128;

    /// <returns>The events, or null with <paramref name="errors"/> filled.</returns>
    public static IReadOnlyList<FeedbackEvent>? Validate(
        FeedbackRequest request, FeedbackOptions options, OutcomeFieldOptions fields, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fields);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Events is not { Count: > 0 } events)
        {
            errors["events"] = ["Send at least one event: { \"events\": [ { \"requestId\", \"itemId\", \"outcomes\": { \"<task>\": 0 or 1 }, \"time\" } ] }."];
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
            var outcomes = body.Outcomes is null ? FromFields(body, fields, at, errors) : FromOutcomes(body, at, errors);
            if (body.Time is { } time && time > now + options.MaxClockSkew)
            {
                errors[at + ".time"] = [$"time {time:O} lies in the future (more than {options.MaxClockSkew} ahead of the service clock)."];
            }

            if (errors.Count == problems && outcomes is not null)
            {
                valid.Add(new FeedbackEvent(body.RequestId!, body.ItemId!, outcomes, body.Time ?? now));
            }
        }

        return errors.Count == 0 ? valid : null;
    }

    private static Dictionary<string, bool>? FromOutcomes(FeedbackEventBody body, string at, Dictionary<string, string[]> errors)
    {
        var sent = body.NamedFields().Where(f => f.Value is not null).Select(f => f.Key).ToArray();
        if (sent.Length > 0)
        {
            errors[at + "." + sent[0]] = ["Send either outcomes or the boolean fields, not both."];
            return null;
        }

        if (body.Outcomes!.Count == 0)
        {
            errors[at + ".outcomes"] = ["Name at least one task: { \"<task>\": 0 or 1 }."];
            return null;
        }

        var outcomes = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (task, value) in body.Outcomes)
        {
            if (string.IsNullOrWhiteSpace(task) || task.Length > MaxTaskNameLength)
            {
                errors[at + ".outcomes"] = [$"Task names are non-empty, at most {MaxTaskNameLength} characters."];
                return null;
            }

            if (value is not (0 or 1))
            {
                errors[at + ".outcomes." + task] = [$"An outcome is 0 or 1; got {value}."];
                return null;
            }

            outcomes[task] = value == 1;
        }

        return outcomes;
    }

    private static Dictionary<string, bool>? FromFields(FeedbackEventBody body, OutcomeFieldOptions fields, string at, Dictionary<string, string[]> errors)
    {
        var values = body.NamedFields();
        var outcomes = new Dictionary<string, bool>(StringComparer.Ordinal);
        var failed = false;
        foreach (var (name, value) in values)
        {
            if (!fields.Fields.TryGetValue(name, out var field))
            {
                if (value is not null)
                {
                    errors[at + "." + name] = [$"{name} is not mapped to a task (Feedback:Fields); send outcomes by task name instead."];
                    failed = true;
                }

                continue;
            }

            if (value is null && field.Required)
            {
                errors[at + "." + name] = [$"{name} is required (true or false), or send outcomes by task name."];
                failed = true;
                continue;
            }

            if (value == true && field.Requires is { } required && values.GetValueOrDefault(required) != true)
            {
                errors[at + "." + name] = [$"{name} requires {required} (Feedback:Fields:{name}:Requires)."];
                failed = true;
                continue;
            }

            outcomes[field.Task] = value ?? false;
        }

        if (!failed && values.Values.All(v => v is null))
        {
            errors[at + ".outcomes"] = ["Send outcomes by task name: { \"<task>\": 0 or 1 }."];
            failed = true;
        }

        return failed ? null : outcomes;
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
