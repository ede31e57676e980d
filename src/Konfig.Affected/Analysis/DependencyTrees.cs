using Konfig.Affected.Git;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Analysis;

/// <summary>
/// The trees a dependency query (<see cref="DependencyQuery"/>) reads: in a git repository, the working tree's
/// snapshot and HEAD's (so a deleted path is still found); outside one, the files under the nearest kcl.mod folder
/// at or above the start folder (else the start folder), with no HEAD.
/// </summary>
public sealed record DependencyTrees(string Root, RepositorySnapshot WorkingTree, RepositorySnapshot? Head)
{
    /// <summary>The trees seen from <paramref name="startFolder"/>; the error when its repository cannot be opened.</summary>
    public static (DependencyTrees? Trees, string? Error) Load(string startFolder, bool useCache)
    {
        var start = Path.GetFullPath(startFolder);
        if (Ancestors(start).Any(folder => Path.Exists(Path.Combine(folder, ".git"))))
        {
            var opened = LibGit2Repository.Open(start);
            if (!opened.Succeeded)
            {
                return (null, opened.Error.Message);
            }

            using IGitRepository repository = opened.Repository;
            var (head, workingTree) = ChangeDetector.WorkingTreeSnapshots(repository, useCache);
            return (new DependencyTrees(repository.WorkingDirectory, workingTree, head), null);
        }

        var root = Ancestors(start).FirstOrDefault(folder => File.Exists(Path.Combine(folder, FileClassifier.KclModName))) ?? start;
        return (new DependencyTrees(root, SnapshotBuilder.FromFolder(root), null), null);
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            yield return current.FullName;
        }
    }
}
