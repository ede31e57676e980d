using System.Globalization;
using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Emit;

/// <summary>
/// The block-style half of libyaml's emitter, as serde_yaml configures it (indent 2, no line width,
/// unicode): it tracks the column, the indent stack and the whitespace/indention flags, and writes
/// indicators and scalars exactly where libyaml would.
/// </summary>
internal sealed class YamlWriter(StringBuilder output)
{
    private const int BestIndent = 2;
    private const int MaxSimpleKeyLength = 128;

    private readonly StringBuilder _out = output;
    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;

    /// <summary>Set when the last block scalar was <c>|+</c>; libyaml then closes the stream with <c>...</c>.</summary>
    public bool OpenEnded { get; private set; }

    public void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent < 0)
        {
            _indent = flow ? BestIndent : 0;
        }
        else if (!indentless)
        {
            _indent += BestIndent;
        }
    }

    public void DecreaseIndent() => _indent = _indents.Pop();

    public bool Indention => _indention;

    public void WriteIndent()
    {
        var indent = _indent >= 0 ? _indent : 0;
        if (!_indention || _column > indent || (_column == indent && !_whitespace))
        {
            PutBreak();
        }

        while (_column < indent)
        {
            _out.Append(' ');
            _column++;
        }

        _whitespace = true;
        _indention = true;
    }

    public void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace)
        {
            _out.Append(' ');
            _column++;
        }

        _out.Append(indicator);
        _column += indicator.Length;
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    /// <summary>End of document: libyaml writes an indent (a final line break).</summary>
    public void EndDocument()
    {
        WriteIndent();
        if (OpenEnded)
        {
            WriteIndicator("...", true, false, false);
            OpenEnded = false;
            WriteIndent();
        }
    }

    /// <summary>Whether a key can be written as <c>key: value</c> rather than <c>? key</c>.</summary>
    public static bool IsSimpleKey(string key, in YamlScalarAnalysis analysis) =>
        !analysis.Multiline && (key.Length <= MaxSimpleKeyLength / 3 || Encoding.UTF8.GetByteCount(key) <= MaxSimpleKeyLength);

    /// <summary>A scalar written as-is (numbers, booleans, null).</summary>
    public void WritePlainToken(string text)
    {
        IncreaseIndent(flow: true, indentless: false);
        if (!_whitespace)
        {
            _out.Append(' ');
            _column++;
        }

        _out.Append(text);
        _column += text.Length;
        _whitespace = false;
        _indention = false;
        DecreaseIndent();
    }

    /// <summary>A string scalar; the style is chosen the way serde_yaml asks and libyaml decides.</summary>
    public void WriteString(string value, bool simpleKey, in YamlScalarAnalysis analysis)
    {
        IncreaseIndent(flow: true, indentless: false);
        var style = SelectStyle(value, simpleKey, analysis);
        switch (style)
        {
            case Style.Plain:
                WritePlain(value);
                break;
            case Style.SingleQuoted:
                WriteSingleQuoted(value);
                break;
            case Style.DoubleQuoted:
                WriteDoubleQuoted(value);
                break;
            default:
                WriteLiteral(value);
                break;
        }

        DecreaseIndent();
        ValueLimits.CheckOutput(_out.Length);
    }

    private enum Style
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }

    private static Style SelectStyle(string value, bool simpleKey, in YamlScalarAnalysis analysis)
    {
        // serde_yaml: strings with '\n' ask for a literal block; strings that would read back as
        // another type ask for single quotes; the rest leave the choice to libyaml.
        Style style;
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            style = Style.Literal;
        }
        else if (YamlImplicitTypes.NeedsQuotes(value))
        {
            style = Style.SingleQuoted;
        }
        else
        {
            style = Style.Plain;
        }

        if (simpleKey && analysis.Multiline)
        {
            style = Style.DoubleQuoted;
        }

        if (style == Style.Plain)
        {
            if (!analysis.BlockPlainAllowed || (value.Length == 0 && simpleKey))
            {
                style = Style.SingleQuoted;
            }
        }

        if (style == Style.SingleQuoted && !analysis.SingleQuotedAllowed)
        {
            style = Style.DoubleQuoted;
        }

        if (style == Style.Literal && (!analysis.BlockAllowed || simpleKey))
        {
            style = Style.DoubleQuoted;
        }

        return style;
    }

    private void WritePlain(string value)
    {
        if (!_whitespace && value.Length > 0)
        {
            _out.Append(' ');
            _column++;
        }

        // Block-plain scalars never hold line breaks, and the width is unlimited: no folding.
        _out.Append(value);
        _column += CountChars(value);
        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(string value)
    {
        WriteIndicator("'", true, false, false);
        var breaks = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (YamlScalarAnalysis.IsBreak(c))
            {
                // Only U+0085/U+2028/U+2029 or '\r' can get here (a '\n' string is a literal or double-quoted).
                if (!breaks && c == '\n')
                {
                    PutBreak();
                }

                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (c == '\'')
                {
                    _out.Append('\'');
                    _column++;
                }

                _out.Append(c);
                if (!char.IsLowSurrogate(c))
                {
                    _column++;
                }

                _indention = false;
                breaks = false;
            }
        }

        if (breaks)
        {
            WriteIndent();
        }

        WriteIndicator("'", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(string value)
    {
        WriteIndicator("\"", true, false, false);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            int codePoint = c;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, value[i + 1]);
                width = 2;
            }

            if (!YamlScalarAnalysis.IsPrintable(codePoint) || codePoint == 0xFEFF || YamlScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                _out.Append('\\');
                _column++;
                var escape = codePoint switch
                {
                    0x00 => "0",
                    0x07 => "a",
                    0x08 => "b",
                    0x09 => "t",
                    0x0A => "n",
                    0x0B => "v",
                    0x0C => "f",
                    0x0D => "r",
                    0x1B => "e",
                    0x22 => "\"",
                    0x5C => "\\",
                    0x85 => "N",
                    0xA0 => "_",
                    0x2028 => "L",
                    0x2029 => "P",
                    <= 0xFF => "x" + codePoint.ToString("X2", CultureInfo.InvariantCulture),
                    <= 0xFFFF => "u" + codePoint.ToString("X4", CultureInfo.InvariantCulture),
                    _ => "U" + codePoint.ToString("X8", CultureInfo.InvariantCulture),
                };
                _out.Append(escape);
                _column += escape.Length;
            }
            else
            {
                _out.Append(value, i, width);
                _column++;
            }

            i += width - 1;
        }

        WriteIndicator("\"", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteLiteral(string value)
    {
        WriteIndicator("|", true, false, false);

        // Block scalar hints: an indentation indicator when the text starts with a space or a
        // break, and the chomping indicator from the trailing line breaks.
        string? chompHint = null;
        if (value.Length > 0 && (value[0] == ' ' || YamlScalarAnalysis.IsBreak(value[0])))
        {
            WriteIndicator(((char)('0' + BestIndent)).ToString(), false, false, false);
        }

        OpenEnded = false;
        if (value.Length == 0 || !YamlScalarAnalysis.IsBreak(value[^1]))
        {
            chompHint = "-";
        }
        else if (value.Length == 1)
        {
            chompHint = "+";
            OpenEnded = true;
        }
        else if (YamlScalarAnalysis.IsBreak(value[^2]))
        {
            chompHint = "+";
            OpenEnded = true;
        }

        if (chompHint is not null)
        {
            WriteIndicator(chompHint, false, false, false);
        }

        PutBreak();
        _indention = true;
        _whitespace = true;
        var breaks = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (YamlScalarAnalysis.IsBreak(c))
            {
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                _out.Append(c);
                if (!char.IsLowSurrogate(c))
                {
                    _column++;
                }

                _indention = false;
                breaks = false;
            }
        }
    }

    private void PutBreak()
    {
        // Output grows by lines (and indentation is quadratic in depth): its size is checked at each one.
        ValueLimits.CheckOutput(_out.Length);
        _out.Append('\n');
        _column = 0;
    }

    private void WriteBreak(char c)
    {
        _out.Append(c);
        _column = 0;
    }

    private static int CountChars(string value)
    {
        var count = value.Length;
        foreach (var c in value)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }
}
