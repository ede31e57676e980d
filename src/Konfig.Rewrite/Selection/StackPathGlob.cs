using System.Text;
using System.Text.RegularExpressions;

namespace Konfig.Rewrite.Selection;

/// <summary>
/// A glob over stack paths (relative to the workspace root, '/' separated), such as <c>apps/*/prod</c>:
/// <c>*</c> matches within one folder name, <c>**</c> any number of whole folders, <c>?</c> one character.
/// The whole path must match.
/// </summary>
public sealed class StackPathGlob
{
    private readonly Regex _regex;

    public StackPathGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern.Trim().Trim('/');
        _regex = new Regex(ToRegex(Pattern), RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool Matches(string stackPath) => _regex.IsMatch(stackPath);

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" may match no folder at all, so apps/**/prod matches apps/prod too.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:[^/]+/)*" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
