using System.Text;

namespace Konfig.Workspace.Tests.Parity;

/// <summary>
/// A checked-in list of cases known to fail, the way the KCL conformance harness keeps one: one id per
/// line, optionally followed by <c># reason</c>; comment lines at the top are the header and survive a
/// rewrite. Comparing a run with it yields regressions (fail, not listed) and now-passing cases (listed, pass).
/// </summary>
internal sealed class KnownFailureList
{
    private KnownFailureList(IReadOnlyList<string> header, SortedDictionary<string, string?> entries)
    {
        Header = header;
        Entries = entries;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyDictionary<string, string?> Entries { get; }

    public static KnownFailureList Load(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty);

    public static KnownFailureList Parse(string text)
    {
        var header = new List<string>();
        var entries = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                if (entries.Count == 0 && line.Length > 0)
                {
                    header.Add(line);
                }

                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var reason = hash < 0 ? null : line[(hash + 1)..].Trim();
            entries[(hash < 0 ? line : line[..hash]).Trim()] = string.IsNullOrEmpty(reason) ? null : reason;
        }

        return new KnownFailureList(header, entries);
    }

    /// <summary>This list with exactly the given failures (id → reason).</summary>
    public KnownFailureList With(IEnumerable<KeyValuePair<string, string>> failures) =>
        new(Header, new SortedDictionary<string, string?>(failures.ToDictionary(f => f.Key, f => (string?)f.Value), StringComparer.Ordinal));

    public string Render()
    {
        var builder = new StringBuilder();
        foreach (var line in Header)
        {
            builder.Append(line).Append('\n');
        }

        builder.Append(Header.Count > 0 ? "\n" : string.Empty);
        foreach (var (id, reason) in Entries)
        {
            builder.Append(id).Append(reason is null ? string.Empty : "  # " + reason).Append('\n');
        }

        return builder.ToString();
    }
}
