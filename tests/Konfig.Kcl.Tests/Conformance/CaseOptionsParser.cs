using Konfig.Kcl.Compilation;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Turns a case's <c>kcl_options</c> into <see cref="KclRunOptions"/>. The reference splits the string on
/// whitespace (no shell quoting: <c>-D id="0123"</c> passes the quotes through) and appends it to
/// <c>kcl run main.k</c>. <c>-Y</c> takes every following value up to the next flag, as kcl's does.
/// </summary>
internal static class CaseOptionsParser
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    /// <summary>The options, or an error for a spelling the harness does not know.</summary>
    public static (KclRunOptions? Options, string? Error) Parse(string kclOptions, string workingDirectory, TimeSpan timeout)
    {
        var tokens = kclOptions.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        var files = new List<string> { "main.k" };
        var arguments = new List<KeyValuePair<string, string>>();
        var settings = new List<string>();
        var selectors = new List<string>();
        bool debug = false, strictRangeCheck = false, disableNone = false, sortKeys = false, showHidden = false;

        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            switch (token)
            {
                case "-D" or "--argument":
                    if (!TryTakeValue(tokens, ref i, out var argument) || argument.IndexOf('=', StringComparison.Ordinal) is var equals && equals < 0)
                    {
                        return (null, $"'{token}' needs name=value in '{kclOptions}'");
                    }

                    arguments.Add(new KeyValuePair<string, string>(argument[..equals], argument[(equals + 1)..]));
                    break;
                case "-Y" or "--setting":
                    var before = settings.Count;
                    while (i + 1 < tokens.Length && !IsFlag(tokens[i + 1]))
                    {
                        settings.Add(tokens[++i]);
                    }

                    if (settings.Count == before)
                    {
                        return (null, $"'{token}' needs a file in '{kclOptions}'");
                    }

                    break;
                case "-S" or "--path_selector":
                    if (!TryTakeValue(tokens, ref i, out var selector))
                    {
                        return (null, $"'{token}' needs a path in '{kclOptions}'");
                    }

                    selectors.Add(selector);
                    break;
                case "-d" or "--debug":
                    debug = true;
                    break;
                case "-r" or "--strict_range_check":
                    strictRangeCheck = true;
                    break;
                case "-n" or "--disable_none":
                    disableNone = true;
                    break;
                case "-k" or "--sort_keys":
                    sortKeys = true;
                    break;
                case "-H" or "--show_hidden":
                    showHidden = true;
                    break;
                default:
                    if (IsFlag(token))
                    {
                        return (null, $"unknown option '{token}' in '{kclOptions}'");
                    }

                    // Extra input files, ${KCL_MOD}/… left for the library to expand.
                    files.Add(token);
                    break;
            }
        }

        var options = new KclRunOptions
        {
            Files = files,
            WorkingDirectory = workingDirectory,
            Arguments = arguments,
            SettingsFiles = settings,
            PathSelectors = selectors,
            Debug = debug,
            StrictRangeCheck = strictRangeCheck,
            DisableNone = disableNone,
            SortKeys = sortKeys,
            ShowHidden = showHidden,
            Timeout = timeout,
        };
        return (options, null);
    }

    private static bool TryTakeValue(string[] tokens, ref int i, out string value)
    {
        if (i + 1 < tokens.Length)
        {
            value = tokens[++i];
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static bool IsFlag(string token) => token.Length > 1 && token[0] == '-';
}
