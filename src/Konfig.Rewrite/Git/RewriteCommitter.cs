using System.Text;
using Konfig.Rewrite.Bulk;
using LibGit2Sharp;

namespace Konfig.Rewrite.Git;

/// <summary>
/// Commits a rewrite to its own branch (<see cref="RewriteBranch"/>) without touching the user's checkout: the
/// commit's tree is HEAD's tree with the changed files' new contents put in (blobs and trees are written to the
/// object database directly), its parent is HEAD, and only the branch's ref moves. The checked-out branch, the
/// index and the working tree stay exactly as they were; <c>git switch BRANCH</c> shows the result.
/// The rewrite must start from what HEAD holds: a changed file whose text on disk differs from HEAD's is refused,
/// as the commit would otherwise carry edits the user never committed. Running the same rewrite again on the
/// same HEAD leaves the branch as it is; on a newer HEAD it moves the branch to a new commit on that HEAD.
/// </summary>
public sealed class RewriteCommitter(TimeProvider clock)
{
    /// <param name="directory">A folder inside the repository (such as the workspace root).</param>
    public RewriteCommitResult Commit(string directory, BulkRewriteResult rewrite)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(rewrite);
        if (!rewrite.Success)
        {
            return RewriteCommitResult.Failed("the rewrite failed, so there is nothing to commit");
        }

        if (Repository.Discover(directory) is not { } gitDirectory)
        {
            return RewriteCommitResult.Failed($"{directory} is not inside a git repository");
        }

        using var repository = new Repository(gitDirectory);
        if (repository.Info.IsBare || repository.Head.Tip is not { } head)
        {
            return RewriteCommitResult.Failed("the repository has no commit to start the rewrite from");
        }

        var result = Commit(repository, head, rewrite);
        return result.Outcome == RewriteCommitOutcome.Failed || repository.Info.IsHeadDetached
            ? result
            : result with { BaseBranch = repository.Head.FriendlyName };
    }

    private RewriteCommitResult Commit(Repository repository, Commit head, BulkRewriteResult rewrite)
    {
        var branch = RewriteBranch.NameFor(rewrite.Description);
        if (rewrite.Changes.Count == 0)
        {
            return new RewriteCommitResult(RewriteCommitOutcome.NothingToCommit, branch, null, head.Sha, null);
        }

        if (string.Equals(repository.Head.FriendlyName, branch, StringComparison.Ordinal))
        {
            return RewriteCommitResult.Failed($"the checkout is on the rewrite's own branch {branch}; switch to the branch to base it on");
        }

        // Paths are looked up in the tree definition (each folder read once) and old texts compared by blob id
        // (hashed here, not read back): at 10,000 stacks, per-path lookups and blob reads dominated the commit.
        var workingDirectory = repository.Info.WorkingDirectory;
        var tree = TreeDefinition.From(head.Tree);
        foreach (var change in rewrite.Changes)
        {
            var path = Path.GetRelativePath(workingDirectory, change.FullPath).Replace('\\', '/');
            if (path.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(path))
            {
                return RewriteCommitResult.Failed($"{change.FullPath} is outside the repository {workingDirectory}");
            }

            var entry = tree[path];
            if (Uncommitted(entry, change) is { } problem)
            {
                return RewriteCommitResult.Failed($"{path}: {problem}; commit or stash it first, so the rewrite starts from HEAD");
            }

            var blobId = repository.ObjectDatabase.Write<Blob>(change.NewBytes());
            tree.Add(path, blobId, entry?.Mode ?? Mode.NonExecutableFile);
        }

        var newTree = repository.ObjectDatabase.CreateTree(tree);
        var existing = repository.Branches[branch];
        if (existing?.Tip is { } tip && tip.Tree.Id == newTree.Id && tip.Parents.Select(p => p.Id).SequenceEqual([head.Id]))
        {
            return new RewriteCommitResult(RewriteCommitOutcome.UpToDate, branch, tip.Sha, head.Sha, null);
        }

        var signature = repository.Config.BuildSignature(clock.GetUtcNow());
        if (signature is null)
        {
            return RewriteCommitResult.Failed("git has no user.name and user.email to sign the commit with");
        }

        var stacks = rewrite.TouchedStacks.Select(stack => stack.Path).ToList();
        var message = RewriteCommitMessage.Create(rewrite.Description, stacks);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, message, newTree, [head], prettifyMessage: false);
        if (existing is null)
        {
            repository.Branches.Add(branch, commit);
            return new RewriteCommitResult(RewriteCommitOutcome.Created, branch, commit.Sha, head.Sha, null);
        }

        repository.Refs.UpdateTarget(existing.CanonicalName, commit.Sha, $"konfig rewrite: {rewrite.Description}");
        return new RewriteCommitResult(RewriteCommitOutcome.Updated, branch, commit.Sha, head.Sha, null);
    }

    /// <summary>Why the file on disk is not what HEAD holds (so the rewrite did not start from HEAD), or null.</summary>
    private static string? Uncommitted(TreeEntryDefinition? entry, FileChange change)
    {
        if (change.OldText is null)
        {
            return entry is null ? null : "HEAD has this file but the working tree does not";
        }

        if (entry is null || entry.TargetType != TreeEntryTargetType.Blob)
        {
            return "the file is not committed";
        }

        return string.Equals(entry.TargetId.Sha, GitBlobId.Of(change.OldBytes()!), StringComparison.Ordinal)
            ? null
            : "the file has uncommitted changes";
    }
}
