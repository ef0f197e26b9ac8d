using System.Text.Json.Serialization;

namespace MmoeService.Serving.ModelRepository;

/// <summary>What one reload attempt did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReloadOutcome>))]
public enum ReloadOutcome
{
    /// <summary>A new version was loaded, verified and swapped in.</summary>
    Loaded,

    /// <summary>The selected version is already served (or already failed with unchanged files); nothing done.</summary>
    Unchanged,

    /// <summary>The selected version failed; the previous version, if any, keeps serving.</summary>
    Failed,

    /// <summary>No version folder matches the policy.</summary>
    NoVersion,
}
