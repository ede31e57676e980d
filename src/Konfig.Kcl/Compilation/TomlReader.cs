using System.Globalization;
using System.Text;

namespace Konfig.Kcl.Compilation;

/// <summary>A TOML syntax error with its 1-based line and column.</summary>
internal sealed class TomlException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// The subset of TOML that kcl.mod files use: tables (<c>[a.b]</c>), <c>key = value</c> with bare, quoted
/// or dotted keys, basic and literal strings (also multi-line), integers, floats, booleans, arrays and
/// inline tables. Tables are <see cref="Dictionary{TKey,TValue}"/>s (insertion order kept by the
/// dictionary), arrays are <see cref="List{T}"/>s. No TOML library is available, and kcl.mod needs little.
/// </summary>
internal sealed class TomlReader
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private TomlReader(string text) => _text = text;

    public static Dictionary<string, object> Parse(string text) => new TomlReader(text).ParseDocument();

    private Dictionary<string, object> ParseDocument()
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var current = root;
        var definedTables = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (AtEnd)
            {
                return root;
            }

            if (Peek == '[')
            {
                var arrayOfTables = Peek2 == '[';
                _position += arrayOfTables ? 2 : 1;
                SkipSpaces();
                var keys = ParseKey();
                SkipSpaces();
                Expect(']');
                if (arrayOfTables)
                {
                    Expect(']');
                }

                current = arrayOfTables ? OpenArrayTable(root, keys) : OpenTable(root, keys, definedTables);
            }
            else
            {
                ParseKeyValue(current);
            }

            EndOfLine();
        }
    }

    private Dictionary<string, object> OpenTable(Dictionary<string, object> root, List<string> keys, HashSet<string> defined)
    {
        var name = string.Join('.', keys);
        if (!defined.Add(name))
        {
            throw Error($"table [{name}] is defined more than once");
        }

        var table = root;
        foreach (var key in keys)
        {
            table = DescendTable(table, key);
        }

        return table;
    }

    private Dictionary<string, object> OpenArrayTable(Dictionary<string, object> root, List<string> keys)
    {
        var table = root;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            table = DescendTable(table, keys[i]);
        }

        var last = keys[^1];
        if (!table.TryGetValue(last, out var existing))
        {
            existing = new List<object>();
            table[last] = existing;
        }

        if (existing is not List<object> list)
        {
            throw Error($"key '{last}' is not an array of tables");
        }

        var entry = new Dictionary<string, object>(StringComparer.Ordinal);
        list.Add(entry);
        return entry;
    }

    private Dictionary<string, object> DescendTable(Dictionary<string, object> table, string key)
    {
        if (!table.TryGetValue(key, out var existing))
        {
            var created = new Dictionary<string, object>(StringComparer.Ordinal);
            table[key] = created;
            return created;
        }

        return existing switch
        {
            Dictionary<string, object> dictionary => dictionary,
            List<object> { Count: > 0 } list when list[^1] is Dictionary<string, object> last => last,
            _ => throw Error($"key '{key}' is already defined as a value"),
        };
    }

    private void ParseKeyValue(Dictionary<string, object> table)
    {
        var keys = ParseKey();
        SkipSpaces();
        Expect('=');
        SkipSpaces();
        var value = ParseValue();
        for (var i = 0; i < keys.Count - 1; i++)
        {
            table = DescendTable(table, keys[i]);
        }

        if (!table.TryAdd(keys[^1], value))
        {
            throw Error($"duplicate key '{keys[^1]}'");
        }
    }

    private List<string> ParseKey()
    {
        var keys = new List<string>();
        while (true)
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Error("expected a key");
            }

            if (Peek == '"')
            {
                keys.Add(ParseBasicString());
            }
            else if (Peek == '\'')
            {
                keys.Add(ParseLiteralString());
            }
            else
            {
                var start = _position;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek is '_' or '-'))
                {
                    _position++;
                }

                if (start == _position)
                {
                    throw Error(AtEnd || Peek is '\n' or '\r' ? "expected a key" : $"unexpected character '{Peek}', expected a key");
                }

                keys.Add(_text[start.._position]);
            }

            SkipSpaces();
            if (!AtEnd && Peek == '.')
            {
                _position++;
                continue;
            }

            return keys;
        }
    }

    private object ParseValue()
    {
        if (AtEnd)
        {
            throw Error("expected a value");
        }

        switch (Peek)
        {
            case '"':
                return StartsWith("\"\"\"") ? ParseMultilineBasicString() : ParseBasicString();
            case '\'':
                return StartsWith("'''") ? ParseMultilineLiteralString() : ParseLiteralString();
            case '[':
                return ParseArray();
            case '{':
                return ParseInlineTable();
        }

        var start = _position;
        while (!AtEnd && !(Peek is ',' or ']' or '}' or '#' or '\n' or '\r' or ' ' or '\t'))
        {
            _position++;
        }

        var token = _text[start.._position];
        switch (token)
        {
            case "true":
                return true;
            case "false":
                return false;
            case "":
                throw Error("expected a value");
        }

        var digits = token.Replace("_", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (digits.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && digits.Any(char.IsAsciiDigit))
        {
            return number;
        }

        // Dates and times are not used by kcl.mod; keep them as text rather than failing.
        if (digits.Length > 0 && char.IsAsciiDigit(digits[0]) && digits.Contains('-', StringComparison.Ordinal))
        {
            return token;
        }

        _position = start;
        throw Error($"invalid value '{token}'");
    }

    private List<object> ParseArray()
    {
        Expect('[');
        var items = new List<object>();
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (AtEnd)
            {
                throw Error("unterminated array, expected ']'");
            }

            if (Peek == ']')
            {
                _position++;
                return items;
            }

            items.Add(ParseValue());
            SkipWhitespaceCommentsAndNewlines();
            if (!AtEnd && Peek == ',')
            {
                _position++;
                continue;
            }

            SkipWhitespaceCommentsAndNewlines();
            Expect(']');
            return items;
        }
    }

    private Dictionary<string, object> ParseInlineTable()
    {
        Expect('{');
        var table = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipSpaces();
        if (!AtEnd && Peek == '}')
        {
            _position++;
            return table;
        }

        while (true)
        {
            SkipSpaces();
            ParseKeyValue(table);
            SkipSpaces();
            if (AtEnd)
            {
                throw Error("unterminated inline table, expected '}'");
            }

            if (Peek == ',')
            {
                _position++;
                continue;
            }

            Expect('}');
            return table;
        }
    }

    private string ParseBasicString()
    {
        Expect('"');
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek is '\n' or '\r')
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                AppendEscape(builder);
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private string ParseMultilineBasicString()
    {
        _position += 3;
        SkipOneNewline();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("unterminated multi-line string");
            }

            if (StartsWith("\"\"\""))
            {
                _position += 3;
                return builder.ToString();
            }

            var c = _text[_position++];
            if (c == '\n')
            {
                NewLine();
                builder.Append(c);
            }
            else if (c == '\\')
            {
                if (!AtEnd && Peek is '\n' or '\r' or ' ' or '\t')
                {
                    // A line-ending backslash trims the break and the following whitespace.
                    while (!AtEnd && Peek is '\n' or '\r' or ' ' or '\t')
                    {
                        if (_text[_position++] == '\n')
                        {
                            NewLine();
                        }
                    }
                }
                else
                {
                    AppendEscape(builder);
                }
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private string ParseLiteralString()
    {
        Expect('\'');
        var start = _position;
        while (!AtEnd && Peek != '\'' && Peek is not ('\n' or '\r'))
        {
            _position++;
        }

        if (AtEnd || Peek != '\'')
        {
            throw Error("unterminated string");
        }

        var value = _text[start.._position];
        _position++;
        return value;
    }

    private string ParseMultilineLiteralString()
    {
        _position += 3;
        SkipOneNewline();
        var start = _position;
        while (!AtEnd && !StartsWith("'''"))
        {
            if (_text[_position++] == '\n')
            {
                NewLine();
            }
        }

        if (AtEnd)
        {
            throw Error("unterminated multi-line string");
        }

        var value = _text[start.._position];
        _position += 3;
        return value;
    }

    private void AppendEscape(StringBuilder builder)
    {
        if (AtEnd)
        {
            throw Error("unterminated string");
        }

        var e = _text[_position++];
        switch (e)
        {
            case 'b': builder.Append('\b'); break;
            case 't': builder.Append('\t'); break;
            case 'n': builder.Append('\n'); break;
            case 'f': builder.Append('\f'); break;
            case 'r': builder.Append('\r'); break;
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case 'u':
            case 'U':
                var length = e == 'u' ? 4 : 8;
                if (_position + length > _text.Length ||
                    !int.TryParse(_text.AsSpan(_position, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
                    code > 0x10FFFF)
                {
                    throw Error("invalid unicode escape");
                }

                builder.Append(char.ConvertFromUtf32(code));
                _position += length;
                break;
            default:
                _position--;
                throw Error($"invalid escape '\\{e}'");
        }
    }

    private void EndOfLine()
    {
        SkipSpaces();
        if (AtEnd)
        {
            return;
        }

        if (Peek == '#')
        {
            SkipComment();
        }

        if (AtEnd)
        {
            return;
        }

        if (Peek == '\r' && Peek2 == '\n')
        {
            _position++;
        }

        if (Peek != '\n')
        {
            throw Error($"unexpected '{Peek}' after a value, expected the end of the line");
        }

        _position++;
        NewLine();
    }

    private void SkipWhitespaceCommentsAndNewlines()
    {
        while (!AtEnd)
        {
            switch (Peek)
            {
                case ' ' or '\t' or '\r':
                    _position++;
                    break;
                case '\n':
                    _position++;
                    NewLine();
                    break;
                case '#':
                    SkipComment();
                    break;
                default:
                    return;
            }
        }
    }

    private void SkipOneNewline()
    {
        if (StartsWith("\r\n"))
        {
            _position += 2;
            NewLine();
        }
        else if (!AtEnd && Peek == '\n')
        {
            _position++;
            NewLine();
        }
    }

    private void SkipComment()
    {
        while (!AtEnd && Peek != '\n')
        {
            _position++;
        }
    }

    private void SkipSpaces()
    {
        while (!AtEnd && Peek is ' ' or '\t')
        {
            _position++;
        }
    }

    private void Expect(char c)
    {
        if (AtEnd || Peek != c)
        {
            var found = AtEnd ? "the end of the file" : Peek is '\n' or '\r' ? "the end of the line" : $"'{Peek}'";
            throw Error($"expected '{c}', found {found}");
        }

        _position++;
    }

    private void NewLine()
    {
        _line++;
        _lineStart = _position;
    }

    private bool StartsWith(string s) => string.CompareOrdinal(_text, _position, s, 0, s.Length) == 0;

    private bool AtEnd => _position >= _text.Length;

    private char Peek => _text[_position];

    private char Peek2 => _position + 1 < _text.Length ? _text[_position + 1] : '\0';

    private TomlException Error(string message) => new(message, _line, _position - _lineStart + 1);
}
