using System.Text.RegularExpressions;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// The reference suite's rule for <c>stderr.golden</c>: strip ANSI colour codes and blank lines from both
/// sides, put the case folder's absolute path in place of <c>${CWD}</c>, and look for the expected text
/// inside the actual text.
/// </summary>
internal static partial class StderrMatcher
{
    public static bool Matches(string expectedGolden, string actualStderr, string caseDirectory) =>
        Normalize(actualStderr).Contains(Expected(expectedGolden, caseDirectory), StringComparison.Ordinal);

    /// <summary>The golden as it is searched for.</summary>
    public static string Expected(string expectedGolden, string caseDirectory) =>
        Normalize(expectedGolden).Replace("${CWD}", caseDirectory, StringComparison.Ordinal);

    public static string Normalize(string text)
    {
        var withoutColours = AnsiEscape().Replace(text, string.Empty);
        var lines = withoutColours.Split(["\r\n", "\n", "\r"], StringSplitOptions.None)
            .Where(line => !string.IsNullOrWhiteSpace(line));
        return string.Join('\n', lines);
    }

    // The reference's pattern: an ESC (or C1) introducer, parameter bytes, intermediate bytes, a final byte.
    [GeneratedRegex(@"(?:\x1B[@-_]|[\x80-\x9F])[0-?]*[ -/]*[@-~]", RegexOptions.CultureInvariant)]
    private static partial Regex AnsiEscape();
}
