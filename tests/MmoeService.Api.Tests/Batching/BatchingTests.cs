using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using MmoeService.Contracts;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Batching;

/// <summary>The dynamic batcher on the real default MMoE, and the pipeline's answer when its queue is full.</summary>
[Trait("Kind", "Integration")]
public sealed class BatchingTests
{
    [Fact]
    public async Task Batcher_CoalescedRequests_MatchTheirUnbatchedResults()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();
        using var lease = factory.Registry.Acquire("mmoe");
        Assert.NotNull(lease);
        var snapshot = lease.Snapshot;
        var direct = factory.Services.GetRequiredService<OnnxInferenceRunner>();
        var time = new FakeTimeProvider();
        var options = Options.Create(new BatchingOptions { MaxQueueDelay = TimeSpan.FromMilliseconds(5), MaxBatchRows = 64, MaxConcurrentRuns = 1 });
        await using var batcher = new DynamicBatcher(direct, options, time, factory.Services.GetRequiredService<BatchingMetrics>());
        var inputs = new[] { Encode(snapshot, 3, seed: 1), Encode(snapshot, 17, seed: 2), Encode(snapshot, 1, seed: 3) };
        try
        {
            var gates = new[] { true, false, true };
            var batched = inputs.Select((input, i) => batcher.RunAsync(snapshot, input, gates[i], CancellationToken.None).AsTask()).ToArray();
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.WhenAll(batched);

            for (var i = 0; i < inputs.Length; i++)
            {
                var alone = await direct.RunAsync(snapshot, inputs[i], gates[i], CancellationToken.None);
                var together = await batched[i];
                Assert.Equal(alone.Rows, together.Rows);
                for (var t = 0; t < alone.Tasks.Count; t++)
                {
                    AssertClose(alone.Tasks[t], together.Tasks[t]);
                    if (gates[i])
                    {
                        AssertClose(alone.Gates![t], together.Gates![t]);
                    }
                }

                Assert.Equal(gates[i], together.Gates is not null);
            }
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    [Fact]
    public async Task Score_BatchQueueFull_Is429WithRetryAfter()
    {
        await using var factory = new MmoeApiFactory(services: services =>
        {
            services.RemoveAll<IInferenceRunner>();
            services.AddSingleton<IInferenceRunner, FullQueue>();
        });
        using var client = await factory.StartAsync();

        using var response = await client.PostScoreAsync(ApiClient.ExampleRequest());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        var problem = await response.ReadObjectAsync();
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains("MaxQueuedRows", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batching_Enabled_IsTheRunnerThePipelineUses()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Batching:Enabled"] = "true" });
        using var client = await factory.StartAsync();

        Assert.IsType<DynamicBatcher>(factory.Services.GetRequiredService<IInferenceRunner>());
        using var response = await client.PostScoreAsync(ApiClient.ExampleRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Batching_Default_RunsEachRequestDirectly()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();

        Assert.IsType<OnnxInferenceRunner>(factory.Services.GetRequiredService<IInferenceRunner>());
        using var response = await client.PostScoreAsync(ApiClient.ExampleRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    /// <summary>Random but valid rows: standardised numbers and in-vocabulary or unseen category rows.</summary>
    private static EncodedBatch Encode(ModelSnapshot snapshot, int rows, int seed)
    {
        var random = new Random(seed);
        var features = snapshot.Manifest.Features;
        var batch = EncodedBatch.Rent(rows, features.Numeric.Count, features.Categorical.Count);
        var numeric = batch.Numeric.Span;
        for (var i = 0; i < numeric.Length; i++)
        {
            numeric[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var categorical = batch.Categorical.Span;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < features.Categorical.Count; c++)
            {
                categorical[(r * features.Categorical.Count) + c] = random.NextInt64(0, features.Categorical[c].Cardinality);
            }
        }

        return batch;
    }

    private sealed class FullQueue : IInferenceRunner
    {
        public ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken) =>
            throw new BatchQueueFullException(queuedRows: 100, maxQueuedRows: 100, retryAfterSeconds: 3);
    }
}
