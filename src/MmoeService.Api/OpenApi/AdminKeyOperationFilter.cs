using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Marks which operations need the admin API key: every route under <c>/admin</c> requires the
/// <see cref="OpenApiExtensions.AdminKeyScheme"/> scheme, every other one states <c>security: []</c> (open), so Swagger
/// UI's Authorize button sends the key exactly where the service checks it.
/// </summary>
public sealed class AdminKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.ApiDescription.RelativePath ?? string.Empty;
        operation.Security = path.StartsWith("admin/", StringComparison.Ordinal)
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiExtensions.AdminKeyScheme, context.Document)] = [] }]
            : [];
    }
}
