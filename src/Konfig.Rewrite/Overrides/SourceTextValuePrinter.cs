using System.Text;
using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Prints a value as the user wrote it in the spec. A multi-line value is re-indented: its common
/// continuation indentation is replaced by the target level's, so it nests where it lands.
/// Values holding triple-quoted strings are left alone, since re-indenting would change the string.
/// </summary>
public sealed class SourceTextValuePrinter : IOverrideValuePrinter
{
    public static SourceTextValuePrinter Instance { get; } = new();

    public string Print(Expression value, int indentLevel)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Span.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        if (lines.Length == 1 || text.Contains("\"\"\"", StringComparison.Ordinal) || text.Contains("'''", StringComparison.Ordinal))
        {
            return text;
        }

        var common = lines.Skip(1).Where(line => line.Trim().Length > 0).Select(IndentWidth).DefaultIfEmpty(0).Min();
        var indent = new string(' ', indentLevel * 4);
        var builder = new StringBuilder(lines[0].TrimEnd());
        foreach (var line in lines.Skip(1))
        {
            builder.Append('\n');
            if (line.Trim().Length > 0)
            {
                builder.Append(indent).Append(line[Math.Min(common, IndentWidth(line))..].TrimEnd());
            }
        }

        return builder.ToString();
    }

    private static int IndentWidth(string line) => line.Length - line.TrimStart(' ', '\t').Length;
}
