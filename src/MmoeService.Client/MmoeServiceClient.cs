using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Client;

/// <summary>
/// The generated client (obj/MmoeServiceClient.g.cs, from openapi.json) with the service's JSON conventions: an
/// unset optional member is left out of the request rather than sent as null, so the service applies its default.
/// </summary>
public partial class MmoeServiceClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
