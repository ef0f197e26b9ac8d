using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Drops component schemas nothing in the document refers to. They appear when a schema filter replaces the
/// generated shape of a type (a scored item's task outputs travel as properties, not as the list they are in memory).
/// </summary>
public sealed class UnusedSchemasDocumentFilter : IDocumentFilter
{
    private const string Prefix = "#/components/schemas/";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        if (swaggerDoc.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        // References between schemas are followed from what the paths use, so a chain of unused schemas goes too.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(PathsJson(swaggerDoc)));
        while (pending.TryPop(out var name))
        {
            if (reached.Add(name) && schemas.TryGetValue(name, out var schema))
            {
                foreach (var next in References(Json(schema)))
                {
                    pending.Push(next);
                }
            }
        }

        foreach (var unused in schemas.Keys.Where(name => !reached.Contains(name)).ToList())
        {
            schemas.Remove(unused);
        }
    }

    private static JsonNode PathsJson(OpenApiDocument document)
    {
        var paths = new OpenApiDocument { Paths = document.Paths, Components = new OpenApiComponents() };
        return Json(paths);
    }

    private static JsonNode Json(IOpenApiSerializable element)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        element.SerializeAsV3(new OpenApiJsonWriter(writer));
        return JsonNode.Parse(writer.ToString())!;
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } target && target.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        yield return target[Prefix.Length..];
                    }

                    foreach (var inner in References(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in References(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
