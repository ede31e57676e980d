using System.Collections.Immutable;
using System.Text;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

internal sealed partial class SyntaxPrinter
{
    /// <summary>
    /// Whether a collection prints on one line: all its items start on the line being printed and no comment
    /// waits before each of them (the reference's rule: layout follows where the author broke lines).
    /// </summary>
    private bool FitsOnOneLine<T>(ImmutableArray<T> items)
        where T : SyntaxNode
    {
        var firstLine = _lastLine;
        var allCommented = !items.IsEmpty;
        foreach (var item in items)
        {
            var line = Line(item);
            if (line > 0)
            {
                if (firstLine == 0)
                {
                    firstLine = line;
                }
                else if (line != firstLine)
                {
                    return false;
                }
            }

            allCommented &= HasCommentsBefore(line);
        }

        return !allCommented;
    }

    private void List(ListExpression list)
    {
        var oneLine = FitsOnOneLine(list.Items)
            && !LineBreaks.ItemsForceBreak(list.Items, item => item is ListIfItem, LineBreaks.Breaks);
        Write('[');
        if (!oneLine)
        {
            _indent++;
            NewLine();
        }

        for (var i = 0; i < list.Items.Length; i++)
        {
            if (i > 0)
            {
                ItemSeparator(oneLine);
            }

            CommentsBefore(Line(list.Items[i]));
            Expr(list.Items[i]);
        }

        if (!oneLine)
        {
            CloseMultiLine();
        }

        Write(']');
    }

    private void ItemSeparator(bool oneLine)
    {
        if (oneLine)
        {
            Write(", ");
        }
        else
        {
            NewLine();
        }
    }

    /// <summary>The comments left before the closing bracket, then the bracket's line.</summary>
    private void CloseMultiLine()
    {
        CommentsUntil(CurrentExpressionEndLine - 1);
        _indent--;
        NewLine();
    }

    private void ListIf(ListIfItem item)
    {
        Write("if ");
        Expr(item.Condition);
        Write(':');
        ListItemsBlock(item.Items);
        if (item.ElseIf is not null)
        {
            NewLine();
            Write("el");
            Expr(item.ElseIf);
        }
        else if (!item.Else.IsEmpty)
        {
            NewLine();
            Write("else:");
            ListItemsBlock(item.Else);
        }
    }

    private void ListItemsBlock(ImmutableArray<Expression> items)
    {
        _indent++;
        NewLine();
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                NewLine();
            }

            CommentsBefore(Line(items[i]));
            Expr(items[i]);
        }

        _indent--;
    }

    private void Config(ConfigExpression config)
    {
        var oneLine = FitsOnOneLine(config.Items)
            && !LineBreaks.ItemsForceBreak(config.Items, item => item is ConfigIfEntry, item => item is ConfigEntry entry && (LineBreaks.Breaks(entry.Key) || LineBreaks.Breaks(entry.Value)));

        // A single nested block (config, schema instance, if-entry) always opens on its own line.
        if (oneLine && config.Items is [var only] && only is ConfigIfEntry or ConfigEntry { Value: ConfigExpression or SchemaExpression })
        {
            oneLine = false;
        }

        Write('{');
        if (!config.Items.IsEmpty)
        {
            if (!oneLine)
            {
                _indent++;
                NewLine();
            }

            for (var i = 0; i < config.Items.Length; i++)
            {
                if (i > 0)
                {
                    ItemSeparator(oneLine);
                }

                Entry(config.Items[i]);
            }

            if (!oneLine)
            {
                CloseMultiLine();
            }
        }

        Write('}');
    }

    private void Entry(ConfigItem item)
    {
        switch (item)
        {
            case ConfigEntry { Key: { } key } entry:
                CommentsBefore(Line(key));
                Expr(key);
                Write(EntryOperator(entry.Operation));
                Expr(entry.Value);
                break;
            case ConfigEntry unpack:
                CommentsBefore(Line(unpack));
                Write("**");
                Expr(unpack.Value);
                break;
            case ConfigIfEntry conditional:
                CommentsBefore(Line(conditional));
                ConfigIf(conditional);
                break;
        }
    }

    private void ConfigIf(ConfigIfEntry entry)
    {
        _expressionEndLines.Push(EndLine(entry.Span));
        SeeLine(Line(entry));
        Write("if ");
        Expr(entry.Condition);
        Write(':');
        EntriesBlock(entry.Items);
        if (entry.ElseIf is not null)
        {
            NewLine();
            Write("el");
            ConfigIf(entry.ElseIf);
        }
        else if (!entry.Else.IsEmpty)
        {
            NewLine();
            Write("else:");
            EntriesBlock(entry.Else);
        }

        _expressionEndLines.Pop();
    }

    private void EntriesBlock(ImmutableArray<ConfigItem> items)
    {
        _indent++;
        NewLine();
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                NewLine();
            }

            Entry(items[i]);
        }

        _indent--;
    }

    private void Lambda(LambdaExpression lambda)
    {
        // Comments break the signature only when they will print before a parameter, i.e. before one that starts a
        // later line (the reference also counts a comment after the first line's parameters, which then moves
        // into the body and the next run joins the signature again).
        var multiLine = lambda.Parameters.Any(p => Line(p.Name) > _lastLine && HasCommentsBefore(Line(p.Name)))
            || SingleLineSignatureLength(lambda) > RecommendedLineLength;
        if (multiLine)
        {
            MultiLineSignature(lambda);
        }
        else
        {
            SingleLineSignature(lambda);
        }

        Write(" {");
        NewLineWithoutFill();
        _indent++;
        Statements(lambda.Body);
        _indent--;
        Fill();
        Write('}');
    }

    /// <summary>The length in UTF-8 bytes (as the reference measures) of the one-line signature, printed aside.</summary>
    private int SingleLineSignatureLength(LambdaExpression lambda)
    {
        // The trial print must not eat comments the real print needs.
        var comments = _comments.Position;
        PushBuffer();
        SingleLineSignature(lambda);
        var length = Encoding.UTF8.GetByteCount(PopBuffer());
        _comments.Position = comments;
        return length;
    }

    private void SingleLineSignature(LambdaExpression lambda)
    {
        Write("lambda");
        if (!lambda.Parameters.IsEmpty)
        {
            Write(' ');
            Parameters(lambda.Parameters);
        }

        if (lambda.ReturnType is not null)
        {
            Write(" -> ");
            Write(TypeText.Of(lambda.ReturnType));
        }
    }

    /// <summary><c>lambda {</c>, one parameter per line each with a trailing comma, <c>} -&gt; T</c>.</summary>
    private void MultiLineSignature(LambdaExpression lambda)
    {
        Write("lambda {");
        NewLineWithoutFill();
        _indent++;
        Fill();
        for (var i = 0; i < lambda.Parameters.Length; i++)
        {
            if (i > 0)
            {
                Write(',');
                NewLine();
            }

            CommentsBefore(Line(lambda.Parameters[i].Name));
            Parameter(lambda.Parameters[i]);
        }

        Write(',');
        NewLineWithoutFill();
        _indent--;
        Fill();
        Write("} -> ");
        Write(lambda.ReturnType is null ? "any" : TypeText.Of(lambda.ReturnType));
    }
}
