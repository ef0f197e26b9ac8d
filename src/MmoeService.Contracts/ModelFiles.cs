using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Contracts;

/// <summary>File names inside a version folder and the JSON settings both sides read and write them with.</summary>
public static class ModelFiles
{
    /// <summary>The ONNX graph.</summary>
    public const string Onnx = "model.onnx";

    /// <summary>The <see cref="ModelManifest"/>.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The <see cref="ScoringExample"/> array.</summary>
    public const string Examples = "examples.json";

    /// <summary>camelCase, indented, no nulls dropped: the one JSON dialect of the repository.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a manifest file.</summary>
    public static ModelManifest ReadManifest(string path) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllBytes(path), JsonOptions)
        ?? throw new JsonException($"{path} holds no manifest.");

    /// <summary>Reads an examples file.</summary>
    public static IReadOnlyList<ScoringExample> ReadExamples(string path) =>
        JsonSerializer.Deserialize<List<ScoringExample>>(File.ReadAllBytes(path), JsonOptions)
        ?? throw new JsonException($"{path} holds no examples.");
}
