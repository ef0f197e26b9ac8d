using System.Text.Json.Serialization;

namespace MmoeService.Serving.ModelRepository;

/// <summary>Where a configured model stands, as <c>GET /models</c> and readiness see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelState>))]
public enum ModelState
{
    /// <summary>No version served yet and the first load has not finished.</summary>
    Loading,

    /// <summary>A version is served (a later version may have failed; see the last load error).</summary>
    Serving,

    /// <summary>No version served: none found for the policy, or every attempt failed.</summary>
    Unavailable,
}
