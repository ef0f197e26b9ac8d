using Microsoft.Extensions.Options;
using MmoeService.Api.Shutdown;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Tests.Spool;

[Trait("Kind", "Unit")]
public sealed class SpoolOptionsValidatorTests
{
    [Fact]
    public void SpoolOptions_SegmentLargerThanTheSpool_FailsNamingTheKeys()
    {
        var result = new SpoolOptionsValidator().Validate(null, new SpoolOptions { MaxBytes = 1 << 20, SegmentBytes = 2 << 20 });

        Assert.True(result.Failed);
        Assert.Contains("Exposures:Spool:SegmentBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SpoolOptions_Defaults_AreValid() =>
        Assert.True(new SpoolOptionsValidator().Validate(null, new SpoolOptions()).Succeeded);

    [Fact]
    public void ShutdownOptions_StoreDrainNotShorterThanTheStop_FailsSoSpoolingFits()
    {
        var validator = new ShutdownOptionsValidator(Options.Create(new StorageOptions { DrainTimeout = TimeSpan.FromSeconds(25) }));

        var result = validator.Validate(null, new ShutdownOptions { DrainTimeout = TimeSpan.FromSeconds(25) });

        Assert.True(result.Failed);
        Assert.Contains("Storage:DrainTimeout", result.FailureMessage, StringComparison.Ordinal);
    }
}
