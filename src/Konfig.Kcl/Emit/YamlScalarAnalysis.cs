namespace Konfig.Kcl.Emit;

/// <summary>
/// What libyaml's emitter (the one behind KCL's serde_yaml output) may do with a scalar: one pass over
/// the text, as <c>yaml_emitter_analyze_scalar</c> does it.
/// </summary>
internal readonly struct YamlScalarAnalysis
{
    public bool Multiline { get; init; }

    public bool BlockPlainAllowed { get; init; }

    public bool SingleQuotedAllowed { get; init; }

    public bool BlockAllowed { get; init; }

    public static YamlScalarAnalysis Analyze(string text)
    {
        if (text.Length == 0)
        {
            return new YamlScalarAnalysis { Multiline = false, BlockPlainAllowed = true, SingleQuotedAllowed = true, BlockAllowed = false };
        }

        var blockIndicators = false;
        var lineBreaks = false;
        var specialCharacters = false;
        var leadingSpace = false;
        var leadingBreak = false;
        var trailingSpace = false;
        var trailingBreak = false;
        var breakSpace = false;
        var spaceBreak = false;
        var previousSpace = false;
        var previousBreak = false;

        if (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        var length = text.Length;
        var index = 0;
        var width = CharWidth(text, 0);
        var followedByWhitespace = IsBlankZ(text, width);
        while (index < length)
        {
            var c = text[index];
            var codePoint = width == 2 ? char.ConvertToUtf32(c, text[index + 1]) : c;
            if (index == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':':
                        if (followedByWhitespace)
                        {
                            blockIndicators = true;
                        }

                        break;
                    case '-':
                        if (followedByWhitespace)
                        {
                            blockIndicators = true;
                        }

                        break;
                }
            }
            else
            {
                if (c == ':' && followedByWhitespace)
                {
                    blockIndicators = true;
                }
                else if (c == '#' && precededByWhitespace)
                {
                    blockIndicators = true;
                }
            }

            if (!IsPrintable(codePoint))
            {
                specialCharacters = true;
            }

            var isBreak = IsBreak(c);
            if (isBreak)
            {
                lineBreaks = true;
            }

            var last = index + width == length;
            if (c == ' ')
            {
                if (index == 0)
                {
                    leadingSpace = true;
                }

                if (last)
                {
                    trailingSpace = true;
                }

                if (previousBreak)
                {
                    breakSpace = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (isBreak)
            {
                if (index == 0)
                {
                    leadingBreak = true;
                }

                if (last)
                {
                    trailingBreak = true;
                }

                if (previousSpace)
                {
                    spaceBreak = true;
                }

                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = c is ' ' or '\t' or '\0' || isBreak;
            index += width;
            if (index < length)
            {
                width = CharWidth(text, index);
                followedByWhitespace = IsBlankZ(text, index + width);
            }
        }

        var blockPlain = true;
        var singleQuoted = true;
        var block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            blockPlain = false;
        }

        if (trailingSpace)
        {
            block = false;
        }

        if (breakSpace)
        {
            blockPlain = false;
            singleQuoted = false;
        }

        if (spaceBreak || specialCharacters)
        {
            blockPlain = false;
            singleQuoted = false;
            block = false;
        }

        if (lineBreaks || blockIndicators)
        {
            blockPlain = false;
        }

        return new YamlScalarAnalysis { Multiline = lineBreaks, BlockPlainAllowed = blockPlain, SingleQuotedAllowed = singleQuoted, BlockAllowed = block };
    }

    public static int CharWidth(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    public static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>libyaml's IS_PRINTABLE: the characters it may write unescaped.</summary>
    public static bool IsPrintable(int c) =>
        c == 0x0A
        || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    private static bool IsBlankZ(string text, int index)
    {
        if (index >= text.Length)
        {
            return true;
        }

        var c = text[index];
        return c is ' ' or '\t' or '\0' || IsBreak(c);
    }
}
