using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Request helpers shared by the integration tests.</summary>
public static class ApiClient
{
    /// <summary>The first request of a committed model's examples.json: valid against that model's features.</summary>
    public static JsonObject ExampleRequest(string model = "mmoe") =>
        ModelFiles.ReadExamples(Path.Combine(RepositoryPaths.CommittedModels, model, "1", ModelFiles.Examples))[0].Request.DeepClone().AsObject();

    public static Task<HttpResponseMessage> PostScoreAsync(this HttpClient client, JsonNode body, string path = "/score") =>
        client.PostRawAsync(body.ToJsonString(), path: path);

    public static Task<HttpResponseMessage> PostFeedbackAsync(this HttpClient client, JsonNode body) =>
        client.PostRawAsync(body.ToJsonString(), path: "/feedback");

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType = "application/json", string path = "/score")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await client.PostAsync(path, content);
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(path))!;

    public static async Task<HttpResponseMessage> ReloadAsync(this HttpClient client, string model, string? key = MmoeApiFactory.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/models/{model}/reload");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A request with <paramref name="count"/> copies of the example's first candidate, item ids i-0, i-1, …</summary>
    public static JsonObject WithCandidates(this JsonObject request, int count)
    {
        var template = request["candidates"]![0]!;
        var candidates = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var candidate = template.DeepClone().AsObject();
            candidate["itemId"] = $"i-{i}";
            candidates.Add(candidate);
        }

        request["candidates"] = candidates;
        return request;
    }
}
