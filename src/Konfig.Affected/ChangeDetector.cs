using Konfig.Affected.Analysis;
using Konfig.Affected.DotNet;
using Konfig.Affected.Git;
using Konfig.Affected.Graph;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected;

/// <summary>
/// The change-detection pipeline: open the repository, resolve base and head, diff from their merge
/// base, take the snapshots of both trees (from the cache under .git where it can), build both graphs,
/// find the global triggers (the toolchain from the .NET project graph, only when a change could
/// touch it), and walk from the changed files to the stacks.
/// </summary>
public static class ChangeDetector
{
    /// <summary>The assembly name of the tool itself: its projects, and theirs, are the toolchain.</summary>
    public const string ToolAssemblyName = "konfig";

    public static (ChangeDetectionReport? Report, ChangeDetectionError? Error) Detect(ChangeDetectionRequest request)
    {
        var opened = LibGit2Repository.Open(request.RepositoryPath);
        if (!opened.Succeeded)
        {
            return (null, new ChangeDetectionError(opened.Error.Message));
        }

        using var repository = opened.Repository;
        return Detect(repository, request, MsBuildProjectGraphLoader.Load);
    }

    public static (ChangeDetectionReport? Report, ChangeDetectionError? Error) Detect(
        IGitRepository repository,
        ChangeDetectionRequest request,
        Func<string, string?, DotNetGraphLoadResult> loadDotNetGraph)
    {
        var head = repository.Resolve(request.Head);
        if (head is null)
        {
            return (null, new ChangeDetectionError($"revision '{request.Head}' was not found in {repository.WorkingDirectory}", ChangeDetectionErrorKind.HeadNotFound));
        }

        var workingTree = request.WorkingTree || request.Base is null;
        if (workingTree && repository.Resolve("HEAD")?.Sha != head.Sha)
        {
            return (null, new ChangeDetectionError($"uncommitted changes are compared with HEAD, but the head revision is '{request.Head}'", ChangeDetectionErrorKind.WorkingTreeNotAtHead));
        }

        var cache = request.UseCache ? new SnapshotCache(Path.Combine(CacheFolder(repository), "snapshots")) : null;
        var notes = new List<string>();
        string? unsure = null;
        GitCommit? mergeBase = null;
        ComparedRevision? baseRevision = null;
        if (request.Base is { } baseName)
        {
            var baseCommit = repository.Resolve(baseName);
            baseRevision = new ComparedRevision(baseName, baseCommit?.Sha);
            if (repository.IsShallow)
            {
                unsure = "the repository is a shallow clone, so the merge base cannot be trusted (fetch the full history, e.g. actions/checkout with fetch-depth: 0)";
            }
            else if (baseCommit is null)
            {
                unsure = $"the base revision '{baseName}' was not found (is it fetched?)";
            }
            else if ((mergeBase = repository.MergeBase(baseCommit, head)) is null)
            {
                unsure = $"'{baseName}' and '{request.Head}' share no history";
            }
        }

        var committed = mergeBase is null ? [] : repository.DiffTrees(mergeBase.TreeId, head.TreeId);
        var headSnapshot = CommitSnapshot(repository, cache, head.TreeId, mergeBase?.TreeId, committed, notes);
        // The base's snapshot is needed only for paths gone at head (and for .NET projects deleted with them).
        var committedHead = headSnapshot;
        var baseSnapshot = new Lazy<RepositorySnapshot>(() => mergeBase is null ? committedHead : SnapshotBuilder.ApplyBackward(committedHead, repository, committed));

        var changes = committed;
        if (workingTree)
        {
            var uncommitted = repository.WorkingTreeChanges();
            headSnapshot = SnapshotBuilder.ApplyForward(headSnapshot, repository, uncommitted);
            changes = CombineChanges(committed, uncommitted);
        }

        var headGraph = DependencyGraph.Build(headSnapshot);

        var triggers = GlobalTriggers.WithoutToolchain;
        IReadOnlyList<AffectedProject>? dotNetProjects = null;
        if (request.DotNet || (unsure is null && MayTouchDotNet(changes, headSnapshot)))
        {
            var loaded = DotNetGraphCache.Load(repository.WorkingDirectory, cache is null ? null : CacheFolder(repository), headSnapshot, loadDotNetGraph);
            if (loaded.Graph is { } dotNetGraph)
            {
                var toolchain = dotNetGraph.ToolProjects(ToolAssemblyName);
                triggers = new GlobalTriggers(
                    [.. toolchain.Select(p => p.Folder)],
                    [.. toolchain.SelectMany(p => p.ImportedFiles).Distinct(StringComparer.Ordinal)]);
                if (request.DotNet)
                {
                    dotNetProjects = dotNetGraph.Affected(changes.SelectMany(c => c.Paths));
                }
            }
            else
            {
                unsure ??= $"the .NET project graph could not be read, so a toolchain change cannot be ruled out: {loaded.Error}";
                dotNetProjects = request.DotNet ? [] : null;
            }
        }

        var result = AffectedAnalyzer.Analyze(changes, () => DependencyGraph.Build(baseSnapshot.Value), headGraph, triggers, unsure);
        var report = new ChangeDetectionReport(
            repository.WorkingDirectory,
            baseRevision,
            mergeBase?.Sha,
            new ComparedRevision(request.Head, head.Sha),
            workingTree,
            result,
            dotNetProjects,
            notes);
        return (report, null);
    }

    /// <summary>
    /// The snapshots <c>konfig deps</c> reads: HEAD's (from the cache under .git when <paramref name="useCache"/>),
    /// and the working tree's (HEAD plus uncommitted changes). Both empty-based when there is no commit yet.
    /// </summary>
    public static (RepositorySnapshot Head, RepositorySnapshot WorkingTree) WorkingTreeSnapshots(IGitRepository repository, bool useCache)
    {
        var cache = useCache ? new SnapshotCache(Path.Combine(CacheFolder(repository), "snapshots")) : null;
        var head = repository.Resolve("HEAD") is { } commit
            ? CommitSnapshot(repository, cache, commit.TreeId, baseTreeId: null, [], notes: [])
            : RepositorySnapshot.Empty;
        return (head, SnapshotBuilder.ApplyForward(head, repository, repository.WorkingTreeChanges()));
    }

    /// <summary>
    /// The snapshot of a commit's tree: cached; else derived from the base's cached snapshot through the
    /// diff already in hand; else from the most recent cached tree through a new diff; else read whole.
    /// </summary>
    private static RepositorySnapshot CommitSnapshot(
        IGitRepository repository, SnapshotCache? cache, string treeId, string? baseTreeId, IReadOnlyList<GitChange> baseToHead, List<string> notes)
    {
        if (cache?.TryLoad(treeId) is { } cached)
        {
            return cached;
        }

        RepositorySnapshot? snapshot = null;
        if (cache is not null && baseTreeId is not null && cache.TryLoad(baseTreeId) is { } baseSnapshot)
        {
            snapshot = SnapshotBuilder.ApplyForward(baseSnapshot, repository, baseToHead);
        }
        else if (cache?.RecentTrees().FirstOrDefault(t => t != treeId) is { } recentTree && cache.TryLoad(recentTree) is { } recent)
        {
            snapshot = SnapshotBuilder.ApplyForward(recent, repository, repository.DiffTrees(recentTree, treeId));
        }

        if (snapshot is null)
        {
            snapshot = SnapshotBuilder.FromTree(repository, treeId);
            notes.Add($"read the whole tree ({snapshot.Count} relevant files); later runs reuse it from the cache");
        }

        cache?.Save(treeId, snapshot);
        return snapshot;
    }

    /// <summary>Committed changes followed by uncommitted ones, one entry per path: the old side from the first, the new from the last.</summary>
    private static IReadOnlyList<GitChange> CombineChanges(IReadOnlyList<GitChange> committed, IReadOnlyList<GitChange> uncommitted)
    {
        var byPath = new Dictionary<string, GitChange>(StringComparer.Ordinal);
        foreach (var change in committed)
        {
            byPath[change.Path] = change;
        }

        foreach (var change in uncommitted)
        {
            if (byPath.TryGetValue(change.OldPath ?? change.Path, out var earlier) && change.Kind != GitChangeKind.Added)
            {
                byPath.Remove(earlier.Path);
                if (change.Kind == GitChangeKind.Deleted && earlier.Kind == GitChangeKind.Added)
                {
                    continue; // Added since the merge base and gone again: no change at all.
                }

                // The kind is read end to end: added stays added wherever it went, and a committed rename
                // edited since stays a rename (else its old path would not be looked up on the base graph).
                var kind = change.Kind == GitChangeKind.Deleted ? GitChangeKind.Deleted
                    : earlier.Kind == GitChangeKind.Added ? GitChangeKind.Added
                    : earlier.OldPath is { } oldPath && oldPath != change.Path && change.Kind is not (GitChangeKind.Renamed or GitChangeKind.Copied) ? earlier.Kind
                    : change.Kind;
                byPath[change.Path] = change with { Kind = kind, OldPath = earlier.OldPath, OldBlobId = earlier.OldBlobId };
            }
            else
            {
                byPath[change.Path] = change;
            }
        }

        return [.. byPath.Values.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// True when a changed path is an MSBuild file or lies in the folder of a .NET project at head. The
    /// head is enough: a project gone at head had its project file deleted, and that file is a change.
    /// </summary>
    private static bool MayTouchDotNet(IReadOnlyList<GitChange> changes, RepositorySnapshot headSnapshot)
    {
        var projectFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, facts) in headSnapshot.Files)
        {
            if (facts is MarkerFileFacts { Kind: MarkerKind.MsBuild } && path.EndsWith("proj", StringComparison.Ordinal))
            {
                projectFolders.Add(RepositoryPath.Parent(path)!);
            }
        }

        foreach (var path in changes.SelectMany(c => c.Paths))
        {
            if (FileClassifier.Classify(path) == FileKind.MsBuild || RepositoryPath.Ancestors(path).Any(projectFolders.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where change detection keeps its caches: <c>konfig/</c> in the repository's git folder.</summary>
    private static string CacheFolder(IGitRepository repository) => Path.Combine(repository.GitDirectory, "konfig");
}
