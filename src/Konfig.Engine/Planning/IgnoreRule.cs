using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Konfig.Engine.Planning;

/// <summary>
/// One <c>--ignore-fields</c> path: the field it names, and everything under it, is left out of the diff.
/// Syntax:
/// <list type="bullet">
/// <item><c>spec.replicas</c>, <c>metadata.labels.app</c>: keys separated by dots.</item>
/// <item><c>spec.containers[0].image</c>: a list index; <c>[*]</c> any index or named item; a <c>*</c> segment any key or index.</item>
/// <item><c>spec.containers[name=web].image</c> (or <c>[name="my web"]</c>): the item named so, in a list the diff
/// compares by name (<see cref="FieldPath"/>). An index rule applies by position, before that comparison.</item>
/// <item><c>metadata.annotations["deployment.kubernetes.io/revision"]</c> (or <c>['…']</c>): a key with dots
/// or other punctuation, exactly; inside double quotes, JSON escapes apply.</item>
/// <item><c>metadata.annotations.deployment\.kubernetes\.io/revision</c>: a backslash escapes the next character.</item>
/// <item><c>metadata.annotations.deployment.kubernetes.io/revision</c>: plain dotted segments also match a
/// key that contains those dots, so the common spelling works without escapes.</item>
/// </list>
/// </summary>
public sealed class IgnoreRule
{
    private readonly Step[] _steps;

    private IgnoreRule(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    private enum StepKind
    {
        Key,
        Index,
        AnyIndex,
        NamedItem,
        Any,
    }

    /// <summary><paramref name="Plain"/>: written between dots, so it may join the next plain steps to match a dotted key.</summary>
    private readonly record struct Step(StepKind Kind, string? Key, int Index, bool Plain);

    public static IgnoreRule Create(string text) =>
        TryParse(text, out var rule, out var error) ? rule! : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses a path; on bad syntax, false with an error that says where.</summary>
    public static bool TryParse(string text, out IgnoreRule? rule, out string? error)
    {
        rule = null;
        var steps = new List<Step>();
        var position = 0;
        error = null;
        var afterDot = true; // at the start, a key is expected just as after a dot
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '[')
            {
                if (!TryReadBracket(text, ref position, out var step, out error))
                {
                    return false;
                }

                steps.Add(step);
                afterDot = false;
            }
            else if (c == '.')
            {
                if (afterDot)
                {
                    error = $"empty segment at column {position + 1} of '{text}'";
                    return false;
                }

                afterDot = true;
                position++;
            }
            else
            {
                if (!afterDot)
                {
                    error = $"expected '.' or '[' at column {position + 1} of '{text}'";
                    return false;
                }

                var key = new StringBuilder();
                var escaped = false;
                while (position < text.Length && text[position] is not '.' and not '[')
                {
                    if (text[position] == '\\' && position + 1 < text.Length)
                    {
                        escaped = true;
                        position++;
                    }

                    key.Append(text[position]);
                    position++;
                }

                steps.Add(key.ToString() == "*" && !escaped
                    ? new Step(StepKind.Any, null, -1, false)
                    : new Step(StepKind.Key, key.ToString(), -1, !escaped));
                afterDot = false;
            }
        }

        if (steps.Count == 0 || (afterDot && text.Length > 0))
        {
            error = steps.Count == 0 ? "an ignored field path cannot be empty" : $"'{text}' ends with a dot";
            return false;
        }

        rule = new IgnoreRule(text, [.. steps]);
        return true;
    }

    private static bool TryReadBracket(string text, ref int position, out Step step, out string? error)
    {
        step = default;
        error = null;
        var start = position;
        position++; // '['
        if (position < text.Length && text[position] == '"')
        {
            var end = position + 1;
            while (end < text.Length && text[end] != '"')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            if (end >= text.Length)
            {
                error = $"unterminated string at column {position + 1} of '{text}'";
                return false;
            }

            try
            {
                step = new Step(StepKind.Key, JsonStrings.Unquote(text[position..(end + 1)]), -1, false);
            }
            catch (JsonException)
            {
                error = $"bad escape in the string at column {position + 1} of '{text}'";
                return false;
            }

            position = end + 1;
        }
        else if (position < text.Length && text[position] == '\'')
        {
            var end = text.IndexOf('\'', position + 1);
            if (end < 0)
            {
                error = $"unterminated string at column {position + 1} of '{text}'";
                return false;
            }

            step = new Step(StepKind.Key, text[(position + 1)..end], -1, false);
            position = end + 1;
        }
        else if (string.CompareOrdinal(text, position, "name=", 0, 5) == 0)
        {
            position += 5;
            if (!TryReadItemName(text, ref position, out var name, out error))
            {
                return false;
            }

            step = new Step(StepKind.NamedItem, name, -1, false);
        }
        else
        {
            var end = text.IndexOf(']', position);
            var inside = end < 0 ? "" : text[position..end];
            if (inside == "*")
            {
                step = new Step(StepKind.AnyIndex, null, -1, false);
            }
            else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                step = new Step(StepKind.Index, null, index, false);
            }
            else
            {
                error = $"expected an index, '*' or a quoted key in brackets at column {start + 1} of '{text}'";
                return false;
            }

            position = end;
        }

        if (position >= text.Length || text[position] != ']')
        {
            error = $"expected ']' at column {position + 1} of '{text}'";
            return false;
        }

        position++;
        return true;
    }

    /// <summary>The name in <c>[name=…]</c>: a JSON string, or plain text up to the closing bracket.</summary>
    private static bool TryReadItemName(string text, ref int position, out string? name, out string? error)
    {
        name = null;
        error = null;
        if (position < text.Length && text[position] == '"')
        {
            var end = position + 1;
            while (end < text.Length && text[end] != '"')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            if (end >= text.Length)
            {
                error = $"unterminated string at column {position + 1} of '{text}'";
                return false;
            }

            try
            {
                name = JsonStrings.Unquote(text[position..(end + 1)]);
            }
            catch (JsonException)
            {
                error = $"bad escape in the string at column {position + 1} of '{text}'";
                return false;
            }

            position = end + 1;
            return true;
        }

        var close = text.IndexOf(']', position);
        if (close <= position)
        {
            error = $"expected a name after 'name=' at column {position + 1} of '{text}'";
            return false;
        }

        name = text[position..close];
        position = close;
        return true;
    }

    /// <summary>True when <paramref name="path"/> is this field or lies under it.</summary>
    public bool Matches(IReadOnlyList<PathSegment> path) => Matches(0, path, 0);

    private bool Matches(int step, IReadOnlyList<PathSegment> path, int at)
    {
        if (step == _steps.Length)
        {
            return true;
        }

        if (at == path.Count)
        {
            return false;
        }

        var rule = _steps[step];
        var segment = path[at];
        switch (rule.Kind)
        {
            case StepKind.Any:
                return Matches(step + 1, path, at + 1);
            case StepKind.AnyIndex:
                return (segment.IsIndex || segment.IsNamedItem) && Matches(step + 1, path, at + 1);
            case StepKind.NamedItem:
                return segment.ItemName == rule.Key && Matches(step + 1, path, at + 1);
            case StepKind.Index:
                return segment.IsIndex && segment.Index == rule.Index && Matches(step + 1, path, at + 1);
        }

        if (segment.Key is null)
        {
            return false;
        }

        if (rule.Key == segment.Key && Matches(step + 1, path, at + 1))
        {
            return true;
        }

        // Plain steps joined by dots may spell one dotted key: a.b.c matches the key "b.c" under a.
        if (!rule.Plain || !segment.Key!.StartsWith(rule.Key + ".", StringComparison.Ordinal))
        {
            return false;
        }

        var joined = rule.Key!;
        for (var next = step + 1; next < _steps.Length && _steps[next] is { Kind: StepKind.Key, Plain: true }; next++)
        {
            joined += "." + _steps[next].Key;
            if (joined.Length > segment.Key.Length)
            {
                return false;
            }

            if (joined == segment.Key && Matches(next + 1, path, at + 1))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;
}
