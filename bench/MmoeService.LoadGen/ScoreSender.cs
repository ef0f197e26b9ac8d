using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using MmoeService.Serving.Grpc;

namespace MmoeService.LoadGen;

/// <summary>Sends the n-th request of a run and says whether it was answered with success.</summary>
public interface IScoreSender : IDisposable
{
    /// <summary>What a report's "Target:" line names.</summary>
    string Target { get; }

    Task<bool> SendAsync(int n);
}

/// <summary>POST /score with the pre-built JSON bodies; answers are drained into reused buffers.</summary>
public sealed class RestSender : IScoreSender
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _client;
    private readonly string _path;
    private readonly IReadOnlyList<byte[]> _bodies;
    private readonly ConcurrentBag<byte[]> _scratch = [];

    public RestSender(Uri url, string path, IReadOnlyList<byte[]> bodies, int maxConnections)
    {
        _handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(_handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        _path = path;
        _bodies = bodies;
        Target = $"POST {url}{path.TrimStart('/')}";
    }

    public string Target { get; }

    public HttpClient Client => _client;

    public async Task<bool> SendAsync(int n)
    {
        var scratch = _scratch.TryTake(out var reused) ? reused : new byte[64 * 1024];
        try
        {
            return await ResponseDrain.PostAsync(_client, _path, _bodies[n % _bodies.Count], scratch).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }
}

/// <summary>
/// <c>mmoe.scoring.v1.Scoring/Score</c> over h2c with the same requests as columns (built once, before timing).
/// Several HTTP/2 connections are allowed, so more than one connection's stream limit can be in flight.
/// </summary>
public sealed class GrpcSender : IScoreSender
{
    private readonly GrpcChannel _channel;
    private readonly Scoring.ScoringClient _client;
    private readonly IReadOnlyList<ScoreRequest> _requests;

    public GrpcSender(Uri url, IReadOnlyList<byte[]> bodies)
    {
        _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = TimeSpan.FromMinutes(10) },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        _client = new Scoring.ScoringClient(_channel);
        _requests = [.. bodies.Select(b => ToColumns(JsonNode.Parse(b)!.AsObject()))];
        Target = $"gRPC {url}mmoe.scoring.v1.Scoring/Score";
    }

    public string Target { get; }

    public int RequestBytes => _requests[0].CalculateSize();

    /// <summary>The first answer's model, proving the service answers.</summary>
    public async Task<ModelInfo> ProbeAsync() => (await _client.ScoreAsync(_requests[0])).Model;

    public async Task<bool> SendAsync(int n)
    {
        try
        {
            await _client.ScoreAsync(_requests[n % _requests.Count]).ConfigureAwait(false);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>The JSON body as the gRPC request: one column per candidate feature (numbers or texts).</summary>
    private static ScoreRequest ToColumns(JsonObject body)
    {
        var request = new ScoreRequest { UserId = (string)body["userId"]!, IncludeGates = body["includeGates"] is JsonValue g && (bool)g };
        foreach (var (name, value) in body["context"]?.AsObject() ?? [])
        {
            request.Context[name] = value?.GetValueKind() == JsonValueKind.Number ? new FeatureValue { Number = (double)value } : new FeatureValue { Text = (string?)value ?? string.Empty };
        }

        var candidates = body["candidates"]!.AsArray().Select(c => c!.AsObject()).ToList();
        request.ItemIds.AddRange(candidates.Select(c => (string)c["itemId"]!));
        foreach (var (name, first) in candidates[0]["features"]!.AsObject())
        {
            var column = new FeatureColumn { Name = name };
            if (first?.GetValueKind() == JsonValueKind.String)
            {
                column.Texts.AddRange(candidates.Select(c => (string?)c["features"]![name] ?? string.Empty));
            }
            else
            {
                column.Numbers.AddRange(candidates.Select(c => c["features"]![name] is JsonValue v ? (double)v : double.NaN));
            }

            request.Columns.Add(column);
        }

        return request;
    }
}
