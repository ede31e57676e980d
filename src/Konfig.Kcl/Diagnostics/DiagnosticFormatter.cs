using System.Text;

namespace Konfig.Kcl.Diagnostics;

/// <summary>Renders diagnostics in KCL's own layout, or as GitHub Actions annotations.</summary>
public static class DiagnosticFormatter
{
    private const int MaxShownLine = 1000;

    /// <summary>
    /// KCL's layout: <c>error[E2G22]: TypeError</c>, then for each label a gutter as wide as the line
    /// number, <c>--&gt; file:line:col</c>, the source line and a caret under the column with the message.
    /// </summary>
    public static string FormatKcl(IEnumerable<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            builder.Append(severity).Append('[').Append(diagnostic.Code).Append("]: ").Append(diagnostic.Kind).Append('\n');
            foreach (var label in diagnostic.Labels)
            {
                AppendLabel(builder, label);
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>One <c>::error file=…,line=…,col=…::message</c> line per diagnostic, for CI annotations.</summary>
    public static string FormatGitHub(IEnumerable<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            var command = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            builder.Append("::").Append(command);
            if (diagnostic.Location is { } location)
            {
                builder.Append(" file=").Append(EscapeProperty(location.File.Path))
                    .Append(",line=").Append(location.Line)
                    .Append(",col=").Append(Math.Max(location.Column, 1))
                    .Append(",title=").Append(EscapeProperty($"{diagnostic.Kind} [{diagnostic.Code}]"));
            }

            builder.Append("::").Append(EscapeData(diagnostic.Message)).Append('\n');
        }

        return builder.ToString();
    }

    private static void AppendLabel(StringBuilder builder, DiagnosticLabel label)
    {
        if (label.Location is not { } location)
        {
            builder.Append(label.Message).Append('\n');
            return;
        }

        var number = location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', number.Length);
        // KCL prints column 1 when it only knows the line, and then draws no caret.
        builder.Append(pad).Append("--> ").Append(location.File.Path).Append(':').Append(number)
            .Append(':').Append(Math.Max(location.Column, 1)).Append('\n');
        builder.Append(pad).Append(" |\n");
        var (text, column) = Window(location.File.GetLineText(location.Line), location.Column);
        builder.Append(number).Append(" | ").Append(text).Append('\n');
        builder.Append(pad).Append(" | ");
        if (column > 0)
        {
            // Tabs stay tabs and wide (CJK) characters take two cells, so the caret lines up under the
            // source as the terminal renders it (KCL measures the line with unicode-width).
            for (var i = 0; i < column - 1 && i < text.Length; i++)
            {
                builder.Append(text[i] == '\t' ? "\t" : IsWide(text[i]) ? "  " : " ");
            }

            for (var i = text.Length; i < column - 1; i++)
            {
                builder.Append(' ');
            }

            builder.Append('^');
        }

        // The reference's renderer puts one space before the message and none when there is nothing after it.
        if (location.Column > 0 || label.Message.Length > 0)
        {
            builder.Append(' ').Append(label.Message);
        }

        builder.Append('\n');
        builder.Append(pad).Append(" |\n");
    }

    /// <summary>
    /// A line longer than <see cref="MaxShownLine"/> is shown as the stretch around the column, cut with
    /// "…" (one cell each): a minified file is one huge line, printed under each of its errors otherwise.
    /// </summary>
    private static (string Text, int Column) Window(string text, int column)
    {
        if (text.Length <= MaxShownLine)
        {
            return (text, column);
        }

        var start = Math.Clamp(column - 1 - (MaxShownLine / 2), 0, text.Length - MaxShownLine);
        var end = start + MaxShownLine;
        var shown = (start > 0 ? "…" : string.Empty) + text[start..end] + (end < text.Length ? "…" : string.Empty);
        return (shown, column <= 0 ? column : column - start + (start > 0 ? 1 : 0));
    }

    /// <summary>East Asian wide and fullwidth characters of the Basic Multilingual Plane.</summary>
    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\u303E') or (>= '\u3041' and <= '\u33FF')
            or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uA000' and <= '\uA4CF')
            or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F')
            or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');

    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
