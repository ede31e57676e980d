using System.Text.RegularExpressions;
using FluentAssertions;

namespace Konfig.Bot.Tests.Comments;

/// <summary>Checks that a comment body is whole Markdown: every code fence closed, every &lt;details&gt; closed.</summary>
internal static partial class MarkdownChecks
{
    public static void ShouldBeBalanced(string body)
    {
        var fenceLines = body.Split('\n').Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        fenceLines.Should().Match(n => n % 2 == 0, "every fence is closed");
        DetailsOpen().Matches(body).Count.Should().Be(DetailsClose().Matches(body).Count, "every <details> is closed");
    }

    [GeneratedRegex("<details[ >]")]
    private static partial Regex DetailsOpen();

    [GeneratedRegex("</details>")]
    private static partial Regex DetailsClose();
}
