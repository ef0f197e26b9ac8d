using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>One description per tag, in the order a caller meets them; a tag no operation uses is not listed.</summary>
public sealed class TagsDocumentFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Scoring", "Rank a user's candidate items: one number per task of the model, a combined score, and optionally the gate weights over the experts."),
        ("Models", "The models the service is configured with, the version each one serves and how its last load went."),
        ("Experiments", "A/B experiments between models: what is running, the feedback that measures it, and each experiment's scorecard."),
        ("Admin", "Operator actions. Every operation here needs the admin API key in its header; they are refused while no key is configured."),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var used = swaggerDoc.Paths.Values
            .SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .ToHashSet(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(
            Tags.Where(tag => used.Contains(tag.Name)).Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
    }
}
