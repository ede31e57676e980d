using System.Text;

namespace Konfig.Kcl.Fuzz;

/// <summary>A KCL file of a case: its path relative to the case folder and its original bytes.</summary>
internal sealed record FuzzFile(string RelativePath, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>One conformance case the fuzzer starts from: its folder relative to the corpus root, its <c>kcl_options</c> and its .k files (main.k first).</summary>
internal sealed record FuzzCase(string Path, string KclOptions, IReadOnlyList<FuzzFile> Files);

/// <summary>
/// The seed inputs: the cases listed in the conformance suite's <c>_manifest.tsv</c>. Mutants are run inside
/// a copy of the whole tree, because cases import from folders above them.
/// </summary>
internal sealed class FuzzCorpus
{
    private FuzzCorpus(string root, IReadOnlyList<FuzzCase> cases)
    {
        Root = root;
        Cases = cases;
    }

    public string Root { get; }

    public IReadOnlyList<FuzzCase> Cases { get; }

    public FuzzCase? Find(string casePath) => Cases.FirstOrDefault(c => string.Equals(c.Path, casePath, StringComparison.Ordinal));

    public static FuzzCorpus Load(string root)
    {
        root = System.IO.Path.GetFullPath(root);
        var manifest = System.IO.Path.Combine(root, "_manifest.tsv");
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException($"{manifest} not found: --corpus must be the kcl-conformance folder", manifest);
        }

        var lines = File.ReadAllLines(manifest);
        var header = lines[0].Split('\t');
        var caseColumn = Array.IndexOf(header, "case");
        var optionsColumn = Array.IndexOf(header, "kcl_options");
        if (caseColumn < 0 || optionsColumn < 0)
        {
            throw new InvalidDataException($"{manifest} has no 'case' or 'kcl_options' column");
        }

        var cases = new List<FuzzCase>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split('\t').Select(Unquote).ToArray();
            var folder = System.IO.Path.Combine(root, fields[caseColumn]);
            var files = Directory.EnumerateFiles(folder, "*.k", SearchOption.AllDirectories)
                .Select(path => new FuzzFile(System.IO.Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes(path)))
                .OrderBy(f => f.RelativePath == "main.k" ? 0 : 1)
                .ThenBy(f => f.RelativePath, StringComparer.Ordinal)
                .ToArray();
            if (files.Length > 0)
            {
                cases.Add(new FuzzCase(fields[caseColumn], fields[optionsColumn] == "-" ? string.Empty : fields[optionsColumn], files));
            }
        }

        return new FuzzCorpus(root, cases);
    }

    /// <summary>Fields holding quotes are written CSV-style in the manifest.</summary>
    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : field;
}
