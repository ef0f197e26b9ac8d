using System.Net.Http.Headers;

namespace MmoeService.LoadGen;

/// <summary>
/// Sends one scoring request and reads the whole answer into a reusable buffer rather than a new array per
/// response: the client shares the cores with the server, so every byte it allocates is CPU the service loses.
/// </summary>
public static class ResponseDrain
{
    public static async Task<bool> PostAsync(HttpClient client, string path, byte[] body, byte[] scratch)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scratch);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        while (await stream.ReadAsync(scratch).ConfigureAwait(false) > 0)
        {
        }

        return response.IsSuccessStatusCode;
    }
}
