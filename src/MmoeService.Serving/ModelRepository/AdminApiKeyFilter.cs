using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Guards a group of admin endpoints with the API key from configuration: 403 while no key is configured (admin
/// disabled), 401 when the header is missing or wrong. The comparison takes the same time whatever the header
/// holds, and the key is never logged.
/// </summary>
public sealed class AdminApiKeyFilter(IOptions<ModelRepositoryOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var settings = options.Value;
        if (!settings.AdminActive || settings.AdminApiKey is not { } key)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Admin endpoints are disabled",
                detail: $"Set {ModelRepositoryOptions.SectionName}:AdminApiKey (and leave {ModelRepositoryOptions.SectionName}:AdminEnabled unset or true) to enable them.");
        }

        // Hashing both sides first makes the comparison constant-time in the key's length too.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[settings.AdminApiKeyHeader].ToString()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Admin API key missing or wrong",
                detail: $"Send the key in the {settings.AdminApiKeyHeader} header.");
        }

        return await next(context);
    }
}
