using System.Text.RegularExpressions;

namespace Konfig.Bot.Rewrites;

/// <summary>
/// <c>OWNER/NAME</c> of a GitHub repository, read from what a user types or from a remote's URL
/// (<c>https://github.com/OWNER/NAME(.git)</c>, <c>git@github.com:OWNER/NAME(.git)</c>, <c>ssh://git@HOST/OWNER/NAME</c>).
/// </summary>
public static partial class GitHubRepositoryName
{
    public static (string Owner, string Name)? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = OwnerSlashName().Match(text.Trim());
        return match.Success ? (match.Groups["owner"].Value, match.Groups["name"].Value) : null;
    }

    public static (string Owner, string Name)? FromRemoteUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var match = RemoteUrl().Match(url.Trim());
        return match.Success ? (match.Groups["owner"].Value, match.Groups["name"].Value) : null;
    }

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9-]+)/(?<name>[A-Za-z0-9._-]+)$")]
    private static partial Regex OwnerSlashName();

    [GeneratedRegex(@"^(?:https?://[^/]+/|ssh://[^/]+/|[^@/]+@[^:/]+:)(?<owner>[A-Za-z0-9-]+)/(?<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex RemoteUrl();
}
