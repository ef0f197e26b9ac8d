namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// One host over the committed default models, shared by tests that only read (scoring is stateless), so
/// the suite builds ONNX sessions once instead of per test.
/// </summary>
public sealed class DefaultModelsFixture : IAsyncLifetime
{
    public MmoeApiFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await Factory.StartAsync();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
