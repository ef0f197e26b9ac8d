using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.LoadGen;

/// <summary>
/// Request bodies in the shape the model expects, made from an examples.json request: its context, and
/// N candidates cycling over its candidates with numeric item features jittered, so bodies differ between
/// requests like real traffic does. Built once, before timing starts.
/// </summary>
public static class RequestBodies
{
    public static IReadOnlyList<byte[]> Build(string examplesPath, int candidates, int variants, int seed)
    {
        var template = ModelFiles.ReadExamples(examplesPath)[0].Request;
        var random = new Random(seed);
        var bodies = new List<byte[]>(variants);
        for (var v = 0; v < variants; v++)
        {
            var request = template.DeepClone().AsObject();
            request["userId"] = $"loadgen-{v}";
            request["includeGates"] = true;
            request["candidates"] = Candidates(template, candidates, "v-", random);
            bodies.Add(Encoding.UTF8.GetBytes(request.ToJsonString()));
        }

        return bodies;
    }

    /// <summary>
    /// <paramref name="count"/> candidates cycling over the template request's own, item ids
    /// <paramref name="itemPrefix"/>0, 1, …, numeric features scaled by a random factor in [0.5, 1.5).
    /// </summary>
    public static JsonArray Candidates(JsonNode template, int count, string itemPrefix, Random random)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(random);
        var source = template["candidates"]!.AsArray();
        var generated = new JsonArray();
        for (var c = 0; c < count; c++)
        {
            var candidate = source[c % source.Count]!.DeepClone().AsObject();
            candidate["itemId"] = itemPrefix + c.ToString(CultureInfo.InvariantCulture);
            var features = candidate["features"]!.AsObject();
            foreach (var name in features.Select(f => f.Key).ToArray())
            {
                if (features[name] is JsonValue value && value.TryGetValue<double>(out var number))
                {
                    features[name] = Math.Round(number * (0.5 + random.NextDouble()), 4);
                }
            }

            generated.Add(candidate);
        }

        return generated;
    }
}
