using Konfig.Affected.Git;

namespace Konfig.Affected.Tests.Git;

/// <summary>
/// Changes written the way `git diff --name-status` writes them ("M\tpath", "R\told\tnew"), so that our
/// results and git's can be compared line by line.
/// </summary>
internal static class GitNameStatus
{
    public static IReadOnlyList<string> Of(IEnumerable<GitChange> changes) =>
        changes.Select(Format).Order(StringComparer.Ordinal).ToList();

    /// <summary>git's own answer: `git diff --name-status -M from to`, similarity scores dropped.</summary>
    public static IReadOnlyList<string> FromGit(TempGitRepository repository, string from, string to) =>
        repository.GitLines("-c", "core.quotePath=false", "diff", "--name-status", "-M", from, to)
            .Select(DropScore).Order(StringComparer.Ordinal).ToList();

    private static string Format(GitChange change) => change.Kind switch
    {
        GitChangeKind.Added => $"A\t{change.Path}",
        GitChangeKind.Deleted => $"D\t{change.Path}",
        GitChangeKind.Modified => $"M\t{change.Path}",
        GitChangeKind.TypeChanged => $"T\t{change.Path}",
        GitChangeKind.Renamed => $"R\t{change.OldPath}\t{change.Path}",
        GitChangeKind.Copied => $"C\t{change.OldPath}\t{change.Path}",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    // "R087\told\tnew" -> "R\told\tnew"
    private static string DropScore(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return line[..1] + line[tab..];
    }
}
