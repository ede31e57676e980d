using System.Collections.Immutable;
using System.Text;
using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>The text side of <see cref="SpecRewriter"/>: where removals start and end, and how added text is laid out.</summary>
internal sealed partial class SpecRewriter
{
    private const string IndentUnit = "    ";

    private bool DeleteStatement(Statement statement)
    {
        DeleteLinesOrSpan(statement.Span.Start, statement.Span.End);
        return true;
    }

    /// <summary>
    /// Removes an entry: its whole line(s) when it has them to itself (a trailing comment goes with it),
    /// else the entry and one neighbouring comma.
    /// </summary>
    private void DeleteEntry(ConfigExpression config, ConfigEntry entry)
    {
        if (DeleteLinesOrSpan(entry.Span.Start, entry.Span.End))
        {
            return;
        }

        var after = SkipSpaces(entry.Span.End);
        if (after < _text.Length && _text[after] == ',')
        {
            _edits.Delete(entry.Span.Start, SkipSpaces(after + 1));
            return;
        }

        var index = config.Items.IndexOf(entry);
        _edits.Delete(index > 0 ? config.Items[index - 1].Span.End : entry.Span.Start, entry.Span.End);
    }

    /// <summary>Deletes whole lines when [start, end) owns them, and answers whether it did.</summary>
    private bool DeleteLinesOrSpan(int start, int end)
    {
        if (!SourceLines.IsFirstOnLine(_text, start) || !SourceLines.OnlyTrailingTrivia(_text, end))
        {
            return false;
        }

        var from = SourceLines.LineStart(_text, start);
        var to = SourceLines.NextLineStart(_text, end);

        // Do not leave two blank lines where one separated the removed lines from their neighbours.
        var blankBefore = from == 0 || SourceLines.IsBlank(_text, SourceLines.LineStart(_text, from - 1), from);
        if (blankBefore && to < _text.Length && SourceLines.IsBlank(_text, to, SourceLines.LineEnd(_text, to)))
        {
            to = SourceLines.NextLineStart(_text, to);
        }

        _edits.Delete(from, to);
        return true;
    }

    private int SkipSpaces(int offset)
    {
        while (offset < _text.Length && (_text[offset] == ' ' || _text[offset] == '\t'))
        {
            offset++;
        }

        return offset;
    }

    /// <summary>The statement KCL appends when the target is absent: <c>a = v</c>, <c>a: S {}</c>, <c>a += v</c>, or a config holding the field path.</summary>
    private void AppendStatement()
    {
        var target = _spec.Target;
        if (_spec.FieldPath.IsEmpty)
        {
            var unify = _spec.Operation == OverrideOperation.Union && _value is SchemaExpression;
            var operatorText = unify ? ": " : _spec.Operation == OverrideOperation.Append ? " += " : " = ";
            _newStatements.Add(target + operatorText + Print(_value!, string.Empty, _text.Length));
            return;
        }

        var entry = RenderEntry(new PendingEntry(_spec.FieldPath, _spec.Operation, _value, null), IndentUnit, multiLine: true, at: _text.Length);
        var assign = _spec.Operation == OverrideOperation.Append ? " += " : " = ";
        _newStatements.Add($"{target}{assign}{{\n{IndentUnit}{entry}\n}}");
    }

    private void MaterializeInserts()
    {
        foreach (var config in _insertOrder)
        {
            InsertEntries(config, _entryInserts[config]);
        }

        foreach (var (list, items) in _listAppends)
        {
            InsertListItems(list, items);
        }

        if (_newStatements.Count > 0)
        {
            var builder = new StringBuilder();
            if (_text.Length > 0 && !_text.EndsWith('\n'))
            {
                builder.Append('\n');
            }

            foreach (var statement in _newStatements)
            {
                builder.Append(statement).Append('\n');
            }

            _edits.Insert(_text.Length, builder.ToString());
        }
    }

    /// <summary>
    /// Adds entries to a config: one line each at the entries' indentation in a multi-line config; an
    /// empty <c>{}</c> opens into lines (as KCL prints it); a one-line config gets <c>, entry</c>.
    /// </summary>
    private void InsertEntries(ConfigExpression config, List<PendingEntry> entries)
    {
        var open = config.Span.Start;
        var close = config.Span.End - 1;
        var braceIndentation = SourceLines.Indentation(_text, open);
        var items = config.Items;
        if (!SourceLines.SameLine(_text, open, close))
        {
            var indentation = items.Length > 0 && SourceLines.IsFirstOnLine(_text, items[0].Span.Start)
                ? SourceLines.Indentation(_text, items[0].Span.Start)
                : braceIndentation + IndentUnit;
            var lines = entries.Select(entry => RenderEntry(entry, indentation, multiLine: true, at: close)).ToList();
            if (SourceLines.IsFirstOnLine(_text, close))
            {
                _edits.Insert(SourceLines.LineStart(_text, close), string.Concat(lines.Select(line => indentation + line + "\n")));
            }
            else
            {
                _edits.Insert(close, string.Concat(lines.Select(line => "\n" + indentation + line)) + "\n" + braceIndentation);
            }
        }
        else if (items.IsEmpty)
        {
            var indentation = braceIndentation + IndentUnit;
            var lines = entries.Select(entry => indentation + RenderEntry(entry, indentation, multiLine: true, at: close) + "\n");
            _edits.Replace(open + 1, close, "\n" + string.Concat(lines) + braceIndentation);
        }
        else
        {
            var indentation = SourceLines.Indentation(_text, open);
            _edits.Insert(items[^1].Span.End, string.Concat(entries.Select(entry => ", " + RenderEntry(entry, indentation, multiLine: false, at: close))));
        }
    }

    /// <summary>Appends list items: one per line in a multi-line list, <c>, item</c> in a one-line list.</summary>
    private void InsertListItems(ListExpression list, List<Expression> items)
    {
        var open = list.Span.Start;
        var close = list.Span.End - 1;
        var existing = list.Items;
        if (existing.Length > 0 && !SourceLines.SameLine(_text, open, close) && SourceLines.IsFirstOnLine(_text, existing[^1].Span.Start))
        {
            var indentation = SourceLines.Indentation(_text, existing[^1].Span.Start);
            var printed = items.Select(item => Print(item, indentation, close)).ToList();
            _edits.Insert(
                SourceLines.IsFirstOnLine(_text, close) ? SourceLines.LineStart(_text, close) : existing[^1].Span.End,
                SourceLines.IsFirstOnLine(_text, close)
                    ? string.Concat(printed.Select(item => indentation + item + "\n"))
                    : string.Concat(printed.Select(item => "\n" + indentation + item)));
            return;
        }

        var lineIndentation = SourceLines.Indentation(_text, open);
        var inline = items.Select(item => Print(item, lineIndentation, close));
        if (existing.IsEmpty)
        {
            _edits.Insert(close, string.Join(", ", inline));
        }
        else
        {
            _edits.Insert(existing[^1].Span.End, string.Concat(inline.Select(item => ", " + item)));
        }
    }

    /// <summary>
    /// <c>key op value</c>; several parts become nested configs (<c>a: {b = v}</c>), which is what KCL
    /// makes of a dotted key before printing, on separate lines when the surrounding config has them.
    /// </summary>
    private string RenderEntry(PendingEntry entry, string indentation, bool multiLine, int at)
    {
        if (entry.RawText is { } raw)
        {
            return raw;
        }

        return RenderParts(entry.Parts, entry.Operation, entry.Value!, indentation, multiLine, at);
    }

    private string RenderParts(ImmutableArray<string> parts, OverrideOperation operation, Expression value, string indentation, bool multiLine, int at)
    {
        var key = SyntaxPaths.KeyText(parts[0]);
        if (parts.Length == 1)
        {
            return key + SyntaxPaths.OperatorText(operation) + Print(value, indentation, at);
        }

        if (!multiLine)
        {
            return $"{key}: {{{RenderParts(parts[1..], operation, value, indentation, multiLine: false, at)}}}";
        }

        var inner = indentation + IndentUnit;
        return $"{key}: {{\n{inner}{RenderParts(parts[1..], operation, value, inner, multiLine: true, at)}\n{indentation}}}";
    }
}
