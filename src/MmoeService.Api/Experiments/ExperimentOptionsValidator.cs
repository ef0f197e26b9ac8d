using Microsoft.Extensions.Options;
using MmoeService.Api.Models;

namespace MmoeService.Api.Experiments;

/// <summary>Checks that the default model is one the service actually loads.</summary>
public sealed class ExperimentOptionsValidator(IOptions<ModelRepositoryOptions> models) : IValidateOptions<ExperimentOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var served = models.Value.Served.Where(m => m.Value.Enabled).Select(m => m.Key).ToArray();
        return served.Contains(options.DefaultModel, StringComparer.Ordinal)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{ExperimentOptions.SectionName}:DefaultModel '{options.DefaultModel}' is not an enabled model of {ModelRepositoryOptions.SectionName}:Served ({string.Join(", ", served)}).");
    }
}
