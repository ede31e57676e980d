namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Reads <c>_manifest.tsv</c>: a header row, then one tab-separated row per case. A field holding quotes is
/// written CSV-style (wrapped in quotes, inner quotes doubled) and is unquoted here.
/// </summary>
internal static class ManifestReader
{
    public static IReadOnlyList<ConformanceCase> Read(string manifestPath)
    {
        var lines = File.ReadAllLines(manifestPath);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{manifestPath} is empty");
        }

        var header = lines[0].Split('\t');
        var caseColumn = Column(header, "case", manifestPath);
        var expectColumn = Column(header, "expect", manifestPath);
        var optionsColumn = Column(header, "kcl_options", manifestPath);

        var cases = new List<ConformanceCase>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t').Select(Unquote).ToArray();
            var expect = fields[expectColumn] switch
            {
                "stdout" => Expectation.Stdout,
                "stderr" => Expectation.Stderr,
                var other => throw new InvalidDataException($"{manifestPath}: unknown expect '{other}' in '{line}'"),
            };
            var options = fields[optionsColumn] == "-" ? string.Empty : fields[optionsColumn];
            cases.Add(new ConformanceCase(fields[caseColumn], expect, options));
        }

        return cases;
    }

    private static int Column(string[] header, string name, string manifestPath)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new InvalidDataException($"{manifestPath} has no '{name}' column");
    }

    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"'
            ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : field;
}
