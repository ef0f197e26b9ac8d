namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// A fact that needs Debian's chromium (driven by Playwright through its executable path; Playwright never downloads
/// a browser here). <c>.ci/run</c> installs it with <c>.ci/setup-chromium</c>; without it the test is skipped with a
/// message saying how to get it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is missing; run .ci/setup-chromium (as root: apt-get install chromium) to run the browser test.";
        }
    }
}
