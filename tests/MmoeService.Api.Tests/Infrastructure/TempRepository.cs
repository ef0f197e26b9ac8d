using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A private copy of the committed model repository for tests that add or break versions. New versions are
/// written to a staging folder and renamed into place, the way the trainer publishes them.
/// </summary>
public sealed class TempRepository : IDisposable
{
    private TempRepository(string root) => Root = root;

    public string Root { get; }

    public static TempRepository CopyOfCommitted()
    {
        var repository = Empty();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.CommittedModels, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(repository.Root, Path.GetRelativePath(RepositoryPaths.CommittedModels, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return repository;
    }

    public static TempRepository Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), "mmoe-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new TempRepository(root);
    }

    /// <summary>
    /// Publishes <paramref name="to"/> as a copy of <paramref name="from"/> with the manifest's version updated;
    /// <paramref name="change"/> may then alter the staged files (manifest as JSON, ONNX bytes).
    /// </summary>
    public void AddVersion(string model, int from, int to, Action<JsonObject, string>? change = null)
    {
        var source = Path.Combine(Root, model, from.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var staging = Path.Combine(Root, model, $".staging-{to}");
        Directory.CreateDirectory(staging);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        }

        var manifestPath = Path.Combine(staging, ModelFiles.Manifest);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["version"] = to;
        change?.Invoke(manifest, staging);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        Directory.Move(staging, Path.Combine(Root, model, to.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A change that flips bytes of the ONNX file without updating the manifest's checksum.</summary>
    public static void CorruptOnnx(JsonObject manifest, string directory)
    {
        var path = Path.Combine(directory, ModelFiles.Onnx);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>A change that writes garbage as the ONNX file and a matching checksum, so only ONNX Runtime can object.</summary>
    public static void UnloadableOnnx(JsonObject manifest, string directory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var bytes = "not an onnx graph"u8.ToArray();
        File.WriteAllBytes(Path.Combine(directory, ModelFiles.Onnx), bytes);
        manifest["onnxSha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; leaving it behind is harmless.
        }
    }
}
