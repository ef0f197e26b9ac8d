using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Rewrites the code references that XML comments carry into descriptions (<c>&lt;see cref="..."/&gt;</c> comes out
/// as a full type or member name) into what a caller sees: a type becomes its schema's name, a constant or static
/// value becomes the value, and a property becomes its JSON name.
/// </summary>
public sealed partial class CodeReferencesDocumentFilter : IDocumentFilter
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(MmoeService.Serving.Scoring.ScoreRequest).Assembly,
        typeof(MmoeService.ExperimentPlatform.ExperimentPlatformExtensions).Assembly,
        typeof(MmoeService.Contracts.FeatureValue).Assembly,
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Summary = Rewrite(operation.Summary);
            operation.Description = Rewrite(operation.Description);
        }

        var visited = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in swaggerDoc.Components?.Schemas?.Values ?? [])
        {
            Visit(schema, visited);
        }
    }

    /// <summary>The text with every code reference replaced; null stays null.</summary>
    public static string? Rewrite(string? text) =>
        text is null ? null : Whitespace().Replace(CodeReference().Replace(text, match => Resolve(match.Groups["name"].Value)), " ");

    private static void Visit(IOpenApiSchema schema, HashSet<IOpenApiSchema> visited)
    {
        if (schema is not OpenApiSchema concrete || !visited.Add(concrete))
        {
            return;
        }

        concrete.Description = Rewrite(concrete.Description);
        IEnumerable<IOpenApiSchema?> children =
        [
            .. concrete.Properties?.Values ?? [], .. concrete.AnyOf ?? [], .. concrete.OneOf ?? [], .. concrete.AllOf ?? [],
            concrete.Items, concrete.AdditionalProperties,
        ];
        foreach (var child in children.OfType<IOpenApiSchema>())
        {
            Visit(child, visited);
        }
    }

    private static string Resolve(string name)
    {
        if (FindType(name) is { } type)
        {
            return type.Name;
        }

        var dot = name.LastIndexOf('.');
        var memberName = name[(dot + 1)..];
        if (dot < 0 || FindType(name[..dot]) is not { } owner)
        {
            return memberName;
        }

        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        return owner.GetMember(memberName, Flags).FirstOrDefault() switch
        {
            FieldInfo { IsLiteral: true } constant => Format(constant.GetRawConstantValue()),
            FieldInfo { IsStatic: true, IsInitOnly: true } field => Format(field.GetValue(null)),
            PropertyInfo { GetMethod.IsStatic: true } property => Format(property.GetValue(null)),
            PropertyInfo property => JsonNamingPolicy.CamelCase.ConvertName(property.Name),
            _ => memberName,
        };
    }

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private static Type? FindType(string fullName) =>
        Assemblies.Select(assembly => assembly.GetType(fullName)).FirstOrDefault(type => type is not null);

    /// <summary>A documentation id, with or without its kind prefix (<c>T:</c>, <c>F:</c>, <c>P:</c>, <c>E:</c>, <c>M:</c>).</summary>
    [GeneratedRegex(@"\b(?:[TFPEM]:)?(?<name>MmoeService(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex CodeReference();

    /// <summary>XML comments keep their source indentation inside a sentence; one space reads the same.</summary>
    [GeneratedRegex(@"[ \t]*\n[ \t]+|[ \t]{2,}")]
    private static partial Regex Whitespace();
}
