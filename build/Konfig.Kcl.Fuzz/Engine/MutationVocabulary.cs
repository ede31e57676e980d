namespace Konfig.Kcl.Fuzz;

/// <summary>What the mutator inserts: KCL's words, operators and troublesome literals, odd characters, nesting wrappers.</summary>
internal static class MutationVocabulary
{
    public static readonly string[] Keywords =
    [
        "schema", "mixin", "protocol", "rule", "check", "lambda", "for", "in", "if", "elif", "else", "import", "as",
        "assert", "type", "None", "Undefined", "True", "False", "and", "or", "not", "is", "all", "any", "map", "filter",
        "str", "int", "float", "bool", "list", "dict", "any", "self", "super", "__settings__", "option", "print", "len",
        "range", "typeof", "sorted", "zip", "abs", "max", "min", "sum", "pow", "round", "multiplyof", "isunique", "len",
    ];

    public static readonly string[] Punctuation =
    [
        "+", "-", "*", "**", "/", "//", "%", "<<", ">>", "&", "|", "^", "~", "<", ">", "<=", ">=", "==", "!=", "=", "+=",
        "-=", "*=", "/=", "|=", "&=", ":", ",", ".", "?.", "?:", "?[", "?", "...", "->", "@", "$", "\\", "(", ")", "[", "]",
        "{", "}", ";", "!", "#",
    ];

    public static readonly string[] Numbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "99999999999999999999999999", "1e308", "1e309", "-1e309", "1e-324", "0.0", "-0.0",
        "0x7fffffffffffffff", "0o777", "0b1", "1Ki", "1Ei", "1Pi", "1n", "1u", "1m", "100000", "1000000000",
    ];

    public static readonly string[] Literals =
    [
        "\"\"", "''",
        "\"\"\"", "'''", "r\"\\\"", "\"${}\"", "\"${x}\"", "\"${x:#}\"", "\"{}\"", "\"\\u{1F600}\"", "\"\\x\"", "b\"a\"",
        "\"%s\"", "\"\\\"", "[]", "{}", "[*]", "{**}",
    ];

    public static readonly char[] OddCharacters =
    [
        '\t', '\n', '\r', '\0', '\v', '\f', '\\', '"', '\'', '$', '{', '}', '(', ')', '[', ']', '#', ':', '@', '?', '!',
        '\u00e9', '\u4e2d', '\u00a0', '\u2028', '\ufeff', '\ufffd', '\u0301', "\U0001F600"[0],
    ];

    public static readonly char[] Brackets = ['(', ')', '[', ']', '{', '}'];

    /// <summary>Wrappers repeated around a token to make deep nesting of each kind the grammar has.</summary>
    public static readonly (string Open, string Close)[] Wrappers =
    [
        ("{a: ", "}"), ("{a = ", "}"), ("[", "]"), ("(", ")"), ("[", ", 1]"), ("{\"k\": ", "}"), ("lambda { ", " }()"),
        ("str(", ")"), ("-", ""), ("not ", ""), ("1 + ", ""), ("[x for x in ", "]"), ("\"${", "}\""), ("", ".a"), ("", "[0]"),
        ("", " + 1"), ("", " if True else 1"), ("{**", "}"), ("[*", "]"),
    ];
}
