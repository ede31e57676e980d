using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>regex</c> module (Rust fancy-regex syntax mapped onto .NET regular expressions).</summary>
internal static class RegexModule
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static void Register(ModuleBuilder m)
    {
        m.Function("match", a =>
        {
            var (text, pattern) = TextAndPattern(a, "match() missing 2 required positional arguments: 'string' and 'pattern'");
            return Bool(Compile(pattern).IsMatch(text));
        });
        m.Function("search", a =>
        {
            var (text, pattern) = TextAndPattern(a, "search() missing 2 required positional arguments: 'string' and 'pattern'");
            return Bool(Compile(pattern).IsMatch(text));
        });
        m.Function("compile", a =>
        {
            var pattern = a.GetString(0, "pattern") ?? throw new KclRuntimeException("compile() missing the required positional argument: 'pattern'");
            try
            {
                Compile(pattern);
                return Bool(true);
            }
            catch (KclRuntimeException)
            {
                return Bool(false);
            }
        });
        m.Function("replace", a =>
        {
            var text = a.GetString(0, "string") ?? throw new KclRuntimeException("replace() missing 3 required positional arguments: 'string', 'pattern', and 'replace");
            var pattern = a.GetString(1, "pattern") ?? throw new KclRuntimeException("replace() missing the required positional argument: 'pattern'");
            var replacement = a.GetString(2, "replace") ?? throw new KclRuntimeException("replace() missing the required positional argument: 'replace'");
            var count = a.GetInt(3, "count") ?? 0;
            var regex = Compile(pattern);
            var dotnetReplacement = ConvertReplacement(replacement);
            return Str(count <= 0 ? regex.Replace(text, dotnetReplacement) : regex.Replace(text, dotnetReplacement, (int)Math.Min(count, int.MaxValue)));
        });
        m.Function("findall", a =>
        {
            var (text, pattern) = TextAndPattern(a, "findall() missing 2 required positional arguments: 'string' and 'pattern'");
            var result = new ListValue();
            foreach (Match match in Compile(pattern).Matches(text))
            {
                if (match.Groups.Count < 3)
                {
                    result.Items.Add(Str(match.Value));
                }
                else
                {
                    result.Items.Add(new ListValue(match.Groups.Cast<Group>().Skip(1).Select(g => Str(g.Value))));
                }
            }

            return result;
        });
        m.Function("split", a =>
        {
            var (text, pattern) = TextAndPattern(a, "split() missing 2 required positional arguments: 'string' and 'pattern'");
            var maxsplit = a.GetInt(2, "maxsplit") ?? 0;
            var regex = Compile(pattern);
            var fields = new List<string>();
            var position = 0;
            while (true)
            {
                var match = position <= text.Length ? regex.Match(text, position) : Match.Empty;
                if (!match.Success)
                {
                    fields.Add(text[position..]);
                    break;
                }

                fields.Add(text[position..match.Index]);
                if (maxsplit > 0 && fields.Count >= maxsplit)
                {
                    break;
                }

                position = match.Index + match.Length;
                if (match.Length == 0)
                {
                    // An empty match would not advance; the reference loops on it too, so stop here.
                    fields.Add(text[position..]);
                    break;
                }
            }

            return Strings(fields);
        });
    }

    private static (string Text, string Pattern) TextAndPattern(Args a, string message) =>
        (a.GetString(0, "string") ?? throw new KclRuntimeException(message), a.GetString(1, "pattern") ?? throw new KclRuntimeException(message));

    public static Regex Compile(string pattern) => Cache.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(ConvertPattern(p), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException e)
        {
            throw new KclRuntimeException($"regex parse error: {e.Message}");
        }
    });

    /// <summary>Rust-only syntax to .NET: named groups <c>(?P&lt;n&gt;…)</c>, <c>(?P=n)</c>, <c>\z</c> stays.</summary>
    private static string ConvertPattern(string pattern)
    {
        if (!pattern.Contains("(?P", StringComparison.Ordinal))
        {
            return pattern;
        }

        return pattern.Replace("(?P<", "(?<", StringComparison.Ordinal).Replace("(?P=", @"\k<", StringComparison.Ordinal);
    }

    /// <summary>Rust replacement strings: <c>$1</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>; .NET needs <c>${name}</c> for names.</summary>
    private static string ConvertReplacement(string replacement)
    {
        if (!replacement.Contains('$', StringComparison.Ordinal))
        {
            return replacement;
        }

        var builder = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c != '$' || i + 1 >= replacement.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = replacement[i + 1];
            if (next == '$' || next == '{')
            {
                var close = next == '{' ? replacement.IndexOf('}', i) : -1;
                if (next == '$')
                {
                    builder.Append("$$");
                    i++;
                }
                else if (close > 0)
                {
                    builder.Append(replacement, i, close - i + 1);
                    i = close;
                }
                else
                {
                    builder.Append("$$");
                }

                continue;
            }

            var end = i + 1;
            while (end < replacement.Length && (char.IsAsciiLetterOrDigit(replacement[end]) || replacement[end] == '_'))
            {
                end++;
            }

            if (end == i + 1)
            {
                builder.Append("$$");
                continue;
            }

            builder.Append("${").Append(replacement, i + 1, end - i - 1).Append('}');
            i = end - 1;
        }

        return builder.ToString();
    }
}
