using System.Text;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>How this run's results differ from the checked-in list of known failures.</summary>
internal sealed record BaselineComparison(
    IReadOnlyList<CaseResult> Regressions,
    IReadOnlyList<string> NowPassing,
    IReadOnlyList<string> Stale)
{
    public bool Clean => Regressions.Count == 0 && NowPassing.Count == 0;
}

/// <summary>
/// <c>known-failures.txt</c>: one case id per line, optionally followed by <c># reason</c>; lines starting
/// with <c>#</c> are comments, and those at the top are kept as the file's header when it is rewritten.
/// Ids are grammar case paths, or <c>snapshots/NAME</c> for byte-exact snapshots.
/// </summary>
internal sealed class KnownFailures
{
    public const string FileName = "known-failures.txt";
    public const string SnapshotPrefix = "snapshots/";

    private KnownFailures(IReadOnlyList<string> header, SortedDictionary<string, string?> entries)
    {
        Header = header;
        Entries = entries;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Case id → reason (null when the line has none).</summary>
    public IReadOnlyDictionary<string, string?> Entries { get; }

    public static KnownFailures Load(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty);

    public static KnownFailures Parse(string text)
    {
        var header = new List<string>();
        var entries = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                if (entries.Count == 0 && line.Length > 0)
                {
                    header.Add(line);
                }

                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var id = (hash < 0 ? line : line[..hash]).Trim();
            var reason = hash < 0 ? null : line[(hash + 1)..].Trim();
            entries[id] = string.IsNullOrEmpty(reason) ? null : reason;
        }

        return new KnownFailures(header, entries);
    }

    public bool Contains(string id) => Entries.ContainsKey(id);

    /// <summary>
    /// Compares the results of cases in <paramref name="inScope"/> with the list. <paramref name="allIds"/>
    /// holds every case that exists (run or not), to tell stale entries from cases filtered out of this run.
    /// </summary>
    public BaselineComparison Compare(IReadOnlyList<CaseResult> results, Func<string, bool> inScope, IReadOnlySet<string> allIds)
    {
        var regressions = results.Where(r => !r.Passed && !Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var nowPassing = results.Where(r => r.Passed && Contains(r.Id)).Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        var stale = Entries.Keys.Where(id => inScope(id) && !allIds.Contains(id)).ToList();
        return new BaselineComparison(regressions, nowPassing, stale);
    }

    /// <summary>
    /// The list after this run: for cases in scope that ran, exactly the failing ones (keeping their reasons,
    /// new ones get their failure kind); entries for cases that did not run are kept unless the case is gone.
    /// </summary>
    public KnownFailures Update(IReadOnlyList<CaseResult> results, Func<string, bool> inScope, IReadOnlySet<string> allIds)
    {
        var ran = results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var entries = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, reason) in Entries)
        {
            if (!inScope(id) || (!ran.ContainsKey(id) && allIds.Contains(id)))
            {
                entries[id] = reason;
            }
        }

        foreach (var result in results.Where(r => !r.Passed))
        {
            // A reason someone wrote stays; one the update wrote (a failure kind) follows the current kind.
            entries[result.Id] = Entries.TryGetValue(result.Id, out var reason) && reason is not null && !IsKindName(reason)
                ? reason
                : CaseResult.KindName(result.Failure);
        }

        return new KnownFailures(Header, entries);
    }

    private static bool IsKindName(string reason) =>
        Enum.GetValues<FailureKind>().Any(kind => string.Equals(CaseResult.KindName(kind), reason, StringComparison.Ordinal));

    public string Render()
    {
        var builder = new StringBuilder();
        foreach (var line in Header)
        {
            builder.Append(line).Append('\n');
        }

        if (Header.Count > 0)
        {
            builder.Append('\n');
        }

        foreach (var (id, reason) in Entries)
        {
            builder.Append(id);
            if (reason is not null)
            {
                builder.Append("  # ").Append(reason);
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }
}
