namespace Konfig.Cli;

/// <summary>
/// A plain text table: columns padded to their widest cell and separated by two spaces, no trailing blanks.
/// Plain on purpose: the same bytes on a terminal, in a pipe and in a CI log.
/// </summary>
internal static class PlainTable
{
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select(cell => cell.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(writer, header, widths);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths)
    {
        var parts = cells.Select((cell, i) => i < cells.Count - 1 ? cell.PadRight(widths[i]) : cell);
        writer.Write(string.Join("  ", parts).TrimEnd());
        writer.Write('\n');
    }
}
