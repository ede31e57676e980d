using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Konfig.Workspace.Files;

/// <summary>
/// An EditorConfig section glob (<c>*</c>, <c>**</c>, <c>?</c>, <c>[abc]</c>, <c>[!abc]</c>, <c>{a,b}</c>,
/// <c>{1..3}</c>) matched against a path relative to the <c>.editorconfig</c> folder. A glob without a
/// <c>/</c> matches a file name at any depth, as the specification says.
/// </summary>
internal sealed class EditorConfigGlob
{
    private readonly Regex _regex;
    private readonly List<(long Low, long High)> _ranges;

    private EditorConfigGlob(Regex regex, List<(long Low, long High)> ranges)
    {
        _regex = regex;
        _ranges = ranges;
    }

    public static EditorConfigGlob Parse(string glob)
    {
        var ranges = new List<(long, long)>();
        var anchored = ContainsSeparator(glob);
        var body = glob.StartsWith('/') ? glob[1..] : glob;
        var pattern = new StringBuilder("^");
        if (!anchored)
        {
            pattern.Append("(?:.*/)?");
        }

        Translate(body, pattern, ranges);
        pattern.Append('$');
        return new EditorConfigGlob(new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline), ranges);
    }

    /// <summary>Whether <paramref name="relativePath"/> (with <c>/</c> separators) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        var match = _regex.Match(relativePath);
        if (!match.Success)
        {
            return false;
        }

        for (var i = 0; i < _ranges.Count; i++)
        {
            var group = match.Groups["r" + i.ToString(CultureInfo.InvariantCulture)];
            if (group.Success && !(long.TryParse(group.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= _ranges[i].Low && value <= _ranges[i].High))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsSeparator(string glob)
    {
        var inBrackets = false;
        foreach (var c in glob)
        {
            if (c == '[')
            {
                inBrackets = true;
            }
            else if (c == ']')
            {
                inBrackets = false;
            }
            else if (c == '/' && !inBrackets)
            {
                return true;
            }
        }

        return false;
    }

    private static void Translate(string glob, StringBuilder pattern, List<(long, long)> ranges)
    {
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '\\' when i + 1 < glob.Length:
                    pattern.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                case '*' when i + 2 < glob.Length && glob[i + 1] == '*' && glob[i + 2] == '/':
                    // `**/` also matches no folder at all.
                    pattern.Append("(?:.*/)?");
                    i += 2;
                    break;
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    i = TranslateClass(glob, i, pattern);
                    break;
                case '{':
                    i = TranslateBraces(glob, i, pattern, ranges);
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    private static int TranslateClass(string glob, int open, StringBuilder pattern)
    {
        var close = glob.IndexOf(']', open + 1);
        if (close < 0)
        {
            pattern.Append("\\[");
            return open;
        }

        var content = glob[(open + 1)..close];
        var negated = content.StartsWith('!');
        if (negated)
        {
            content = content[1..];
        }

        pattern.Append(negated ? "[^" : "[").Append(content.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
        return close;
    }

    private static int TranslateBraces(string glob, int open, StringBuilder pattern, List<(long, long)> ranges)
    {
        var close = MatchingBrace(glob, open);
        if (close < 0)
        {
            pattern.Append("\\{");
            return open;
        }

        var content = glob[(open + 1)..close];
        var range = Regex.Match(content, @"^([+-]?\d+)\.\.([+-]?\d+)$", RegexOptions.CultureInvariant);
        if (range.Success)
        {
            var low = long.Parse(range.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var high = long.Parse(range.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            pattern.Append("(?<r").Append(ranges.Count.ToString(CultureInfo.InvariantCulture)).Append(">[+-]?\\d+)");
            ranges.Add((Math.Min(low, high), Math.Max(low, high)));
            return close;
        }

        var alternatives = SplitTopLevel(content);
        if (alternatives.Count < 2)
        {
            // `{single}` is literal text in EditorConfig globs.
            pattern.Append("\\{");
            Translate(content, pattern, ranges);
            pattern.Append("\\}");
            return close;
        }

        pattern.Append("(?:");
        for (var i = 0; i < alternatives.Count; i++)
        {
            if (i > 0)
            {
                pattern.Append('|');
            }

            Translate(alternatives[i], pattern, ranges);
        }

        pattern.Append(')');
        return close;
    }

    private static int MatchingBrace(string glob, int open)
    {
        var depth = 0;
        for (var i = open; i < glob.Length; i++)
        {
            if (glob[i] == '\\')
            {
                i++;
            }
            else if (glob[i] == '{')
            {
                depth++;
            }
            else if (glob[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitTopLevel(string content)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            switch (content[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(content[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(content[start..]);
        return parts;
    }
}
