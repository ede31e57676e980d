namespace Konfig.Bot.Tests.StatusPage;

/// <summary>
/// A fact that needs Debian's Chromium at <see cref="ExecutablePath"/> (.ci/run installs the <c>chromium</c>
/// package when missing). Playwright's own browser download is never used: it needs the network.
/// </summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public RequiresChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests";
        }
    }
}
