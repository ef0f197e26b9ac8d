using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MmoeService.Api.OpenApi;

/// <summary>
/// Lists the one client error every operation can meet, even one whose handler never refuses a request: the web
/// server itself answers a malformed request (bad request line or headers, a header or URL over its limits) with
/// 400 before any route runs. Operations that already declare a 4xx describe their own refusals and are left alone.
/// </summary>
public sealed class MalformedRequestOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Responses ??= [];
        if (operation.Responses.Keys.Any(code => code.StartsWith('4')))
        {
            return;
        }

        operation.Responses["400"] = new OpenApiResponse
        {
            Description = "The request was malformed (for example a header or URL over the server's limits) and was refused before it reached this operation; the body is empty.",
        };
    }
}
