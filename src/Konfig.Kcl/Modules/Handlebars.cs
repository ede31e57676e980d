using System.Globalization;
using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Modules;

/// <summary>
/// The handlebars subset <c>template.execute</c> needs: <c>{{path}}</c> (escaped), <c>{{{path}}}</c> and
/// <c>{{raw path}}</c> (unescaped), <c>{{#if}}</c>/<c>{{#unless}}</c>/<c>{{#each}}</c>/<c>{{#with}}</c> with
/// <c>{{else}}</c>, <c>@index</c>/<c>@key</c>/<c>@first</c>/<c>@last</c>, <c>../</c>, comments, and
/// handlebars' removal of lines that hold only a block tag.
/// </summary>
internal static class Handlebars
{
    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ExpressionNode(string Helper, string? Path, bool Escape) : Node;

    private sealed record BlockNode(string Helper, string Path, List<Node> Body, List<Node> Inverse) : Node;

    private sealed record Token(string Kind, string Content, int Start, int End);

    public static string Render(string template, KclValue data)
    {
        var tokens = Tokenize(template);
        var position = 0;
        var nodes = Parse(tokens, ref position, null);
        var builder = new StringBuilder(template.Length);
        RenderNodes(builder, nodes, new Frame(data, null, null));
        return builder.ToString();
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static List<Token> Tokenize(string template)
    {
        // First pass: find mustaches; second pass: drop standalone block lines.
        var raw = new List<Token>();
        var i = 0;
        var textStart = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var triple = open + 2 < template.Length && template[open + 2] == '{';
            var closeMarker = triple ? "}}}" : "}}";
            var close = template.IndexOf(closeMarker, open + (triple ? 3 : 2), StringComparison.Ordinal);
            if (close < 0)
            {
                throw new KclRuntimeException($"Failed to compile template: unclosed expression at {open}");
            }

            if (open > textStart)
            {
                raw.Add(new Token("text", template[textStart..open], textStart, open));
            }

            var content = template[(open + (triple ? 3 : 2))..close].Trim().Trim('~').Trim();
            var end = close + closeMarker.Length;
            string kind;
            if (triple)
            {
                kind = "raw";
            }
            else if (content.StartsWith('!'))
            {
                kind = "comment";
            }
            else if (content.StartsWith('#'))
            {
                kind = "open";
                content = content[1..].Trim();
            }
            else if (content.StartsWith('/'))
            {
                kind = "close";
                content = content[1..].Trim();
            }
            else if (content == "else" || content.StartsWith("else ", StringComparison.Ordinal))
            {
                kind = "else";
            }
            else
            {
                kind = "expr";
            }

            raw.Add(new Token(kind, content, open, end));
            i = end;
            textStart = end;
        }

        if (textStart < template.Length)
        {
            raw.Add(new Token("text", template[textStart..], textStart, template.Length));
        }

        return StripStandalone(raw);
    }

    private static List<Token> StripStandalone(List<Token> tokens)
    {
        var result = new List<Token>(tokens);
        for (var i = 0; i < result.Count; i++)
        {
            var token = result[i];
            if (token.Kind is not ("open" or "close" or "else" or "comment"))
            {
                continue;
            }

            // Standalone: only whitespace between the previous line break (or start) and the tag, and
            // between the tag and the next line break (or end). Judged on the template as written: the
            // line break a standalone tag just removed still ends the line of the tag after it.
            var originalBefore = i > 0 && tokens[i - 1].Kind == "text" ? tokens[i - 1].Content : null;
            var originalAfter = i + 1 < tokens.Count && tokens[i + 1].Kind == "text" ? tokens[i + 1].Content : null;
            var beforeOk = i == 0 || (originalBefore is not null && IsLineStart(originalBefore, i == 1));
            var afterOk = i == tokens.Count - 1 || (originalAfter is not null && IsLineEnd(originalAfter));
            if (!beforeOk || !afterOk)
            {
                continue;
            }

            var before = originalBefore is null ? null : result[i - 1].Content;
            var after = originalAfter is null ? null : result[i + 1].Content;

            if (before is not null)
            {
                var lastBreak = before.LastIndexOf('\n');
                result[i - 1] = result[i - 1] with { Content = before[..(lastBreak + 1)] };
            }

            if (after is not null)
            {
                var firstBreak = after.IndexOf('\n', StringComparison.Ordinal);
                result[i + 1] = result[i + 1] with { Content = firstBreak < 0 ? string.Empty : after[(firstBreak + 1)..] };
            }
        }

        return result;
    }

    private static bool IsLineStart(string text, bool atTemplateStart)
    {
        var lastBreak = text.LastIndexOf('\n');
        if (lastBreak < 0 && !atTemplateStart)
        {
            return false;
        }

        return text[(lastBreak + 1)..].All(c => c is ' ' or '\t');
    }

    private static bool IsLineEnd(string text)
    {
        var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
        var head = firstBreak < 0 ? text : text[..firstBreak];
        return head.All(c => c is ' ' or '\t' or '\r');
    }

    private static List<Node> Parse(List<Token> tokens, ref int position, string? closing)
    {
        var nodes = new List<Node>();
        while (position < tokens.Count)
        {
            var token = tokens[position++];
            switch (token.Kind)
            {
                case "text":
                    if (token.Content.Length > 0)
                    {
                        nodes.Add(new TextNode(token.Content));
                    }

                    break;
                case "comment":
                    break;
                case "raw":
                    nodes.Add(new ExpressionNode(string.Empty, token.Content, Escape: false));
                    break;
                case "expr":
                {
                    var parts = token.Content.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    nodes.Add(parts.Length == 2
                        ? new ExpressionNode(parts[0], parts[1], Escape: parts[0] != "raw")
                        : new ExpressionNode(string.Empty, parts.Length == 0 ? "this" : parts[0], Escape: true));
                    break;
                }

                case "open":
                {
                    var parts = token.Content.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var helper = parts[0];
                    var path = parts.Length > 1 ? parts[1] : "this";
                    var body = Parse(tokens, ref position, helper);
                    var inverse = new List<Node>();
                    if (position > 0 && tokens[position - 1].Kind == "else")
                    {
                        inverse = Parse(tokens, ref position, helper);
                    }

                    nodes.Add(new BlockNode(helper, path, body, inverse));
                    break;
                }

                case "else":
                    if (closing is null)
                    {
                        throw new KclRuntimeException("Failed to compile template: unexpected else");
                    }

                    return nodes;
                case "close":
                    if (closing is null || token.Content != closing)
                    {
                        throw new KclRuntimeException($"Failed to compile template: unexpected closing tag {token.Content}");
                    }

                    return nodes;
            }
        }

        if (closing is not null)
        {
            throw new KclRuntimeException($"Failed to compile template: unclosed block {closing}");
        }

        return nodes;
    }

    private sealed record Frame(KclValue Value, Frame? Parent, Dictionary<string, KclValue>? Locals);

    private static void RenderNodes(StringBuilder builder, List<Node> nodes, Frame frame)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    builder.Append(text.Text);
                    break;
                case ExpressionNode expression:
                {
                    var value = Resolve(frame, expression.Path ?? "this");
                    var text = Display(value);
                    builder.Append(expression.Escape ? Escape(text) : text);
                    break;
                }

                case BlockNode block:
                    RenderBlock(builder, block, frame);
                    break;
            }
        }
    }

    private static void RenderBlock(StringBuilder builder, BlockNode block, Frame frame)
    {
        var value = Resolve(frame, block.Path);
        switch (block.Helper)
        {
            case "if":
                RenderNodes(builder, IsTruthy(value) ? block.Body : block.Inverse, frame);
                break;
            case "unless":
                RenderNodes(builder, IsTruthy(value) ? block.Inverse : block.Body, frame);
                break;
            case "with":
                if (IsTruthy(value))
                {
                    RenderNodes(builder, block.Body, new Frame(value!, frame, null));
                }
                else
                {
                    RenderNodes(builder, block.Inverse, frame);
                }

                break;
            case "each":
            {
                var rendered = false;
                if (value is ListValue list)
                {
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        var locals = new Dictionary<string, KclValue>(StringComparer.Ordinal)
                        {
                            ["@index"] = new IntValue(i),
                            ["@first"] = BoolValue.Of(i == 0),
                            ["@last"] = BoolValue.Of(i == list.Items.Count - 1),
                        };
                        RenderNodes(builder, block.Body, new Frame(list.Items[i], frame, locals));
                        rendered = true;
                    }
                }
                else if (value is DictValue dict)
                {
                    var index = 0;
                    foreach (var (key, item) in dict.Entries)
                    {
                        var locals = new Dictionary<string, KclValue>(StringComparer.Ordinal)
                        {
                            ["@key"] = new StringValue(key),
                            ["@index"] = new IntValue(index),
                            ["@first"] = BoolValue.Of(index == 0),
                            ["@last"] = BoolValue.Of(index == dict.Count - 1),
                        };
                        RenderNodes(builder, block.Body, new Frame(item, frame, locals));
                        index++;
                        rendered = true;
                    }
                }

                if (!rendered)
                {
                    RenderNodes(builder, block.Inverse, frame);
                }

                break;
            }

            default:
                throw new KclRuntimeException($"Error rendering template: Helper not found {block.Helper}");
        }
    }

    private static KclValue? Resolve(Frame frame, string path)
    {
        path = path.Trim();
        if (path.Length > 1 && path[0] is '"' or '\'' && path[^1] == path[0])
        {
            return new StringValue(path[1..^1]);
        }

        while (path.StartsWith("../", StringComparison.Ordinal))
        {
            frame = frame.Parent ?? frame;
            path = path[3..];
        }

        if (path.StartsWith('@'))
        {
            if (path == "@root")
            {
                var root = frame;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                return root.Value;
            }

            for (var f = frame; f is not null; f = f.Parent)
            {
                if (f.Locals is not null && f.Locals.TryGetValue(path, out var local))
                {
                    return local;
                }
            }

            return null;
        }

        KclValue? current = frame.Value;
        if (path is "this" or ".")
        {
            return current;
        }

        var segments = path.Split('.', '/');
        var start = segments[0] == "this" ? 1 : 0;
        for (var i = start; i < segments.Length; i++)
        {
            current = current switch
            {
                DictValue dict => dict[segments[i]],
                ListValue list when int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Items.Count => list.Items[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static bool IsTruthy(KclValue? value) => value switch
    {
        null or NoneValue or UndefinedValue => false,
        BoolValue b => b.Value,
        IntValue i => i.Value != 0,
        FloatValue f => f.Value != 0,
        StringValue s => s.Value.Length > 0,
        ListValue l => l.Items.Count > 0,
        DictValue d => d.Count > 0,
        _ => true,
    };

    /// <summary>handlebars-rust's rendering of JSON values: arrays as <c>[a, b]</c>, objects as <c>[object]</c>.</summary>
    private static string Display(KclValue? value) => value switch
    {
        null or NoneValue or UndefinedValue => string.Empty,
        StringValue s => s.Value,
        BoolValue b => b.Value ? "true" : "false",
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f => double.IsFinite(f.Value) ? FloatFormat.Ryu(f.Value) : string.Empty,
        NumberMultiplierValue m => FloatFormat.Ryu(m.Value),
        ListValue list => "[" + string.Join(", ", list.Items.Select(Display)) + "]",
        DictValue => "[object]",
        _ => string.Empty,
    };
}
