namespace Konfig.Affected.Snapshot;

/// <summary>
/// What change detection knows about one file of a tree. Only files that can change what a stack
/// depends on are kept (KCL sources, stack metadata, kcl.mod, MSBuild files); any other file matters
/// only by its path, which needs no facts.
/// </summary>
public abstract record FileFacts
{
    /// <summary>
    /// The git blob id of the content the facts were read from; null for working-tree content, and for
    /// anything but MSBuild files once a snapshot has gone through the cache.
    /// </summary>
    public string? BlobId { get; init; }
}

/// <summary>
/// A <c>.k</c> file: the modules it imports, as written (<c>base.pkg.frontend</c>, <c>.sub</c>), and the
/// files it reads through <c>file.read</c>/<c>file.readbase64</c> with a literal path.
/// <see cref="HasDynamicFileAccess"/> is set when it reaches the file system in a way no literal shows
/// (a computed path, <c>file.glob</c>): then no list of paths can say what it depends on.
/// </summary>
public sealed record KclFileFacts(IReadOnlyList<string> Imports, IReadOnlyList<string> FileReads, bool HasDynamicFileAccess) : FileFacts;

/// <summary>
/// A stack settings file (<c>kcl.yaml</c>, <c>ci-test/settings.yaml</c>): the entrance files it lists, as
/// written (<c>../base/base.k</c>, <c>${KCL_MOD}/…</c>). <see cref="IsReadable"/> is false when the YAML is
/// broken; the stack cannot compile then, and only its own folder counts.
/// </summary>
public sealed record SettingsFileFacts(IReadOnlyList<string> EntranceFiles, bool IsReadable) : FileFacts;

/// <summary>
/// A <c>kcl.mod</c>: its folder is the root of a Konfig tree. <see cref="LocalDependencies"/> are the
/// <c>[dependencies]</c> with a <c>path</c> (name, path relative to the kcl.mod folder): imports of
/// <c>name.…</c> resolve under that folder.
/// </summary>
public sealed record KclModFacts(IReadOnlyList<KeyValuePair<string, string>> LocalDependencies, bool IsReadable) : FileFacts;

/// <summary>A file that matters by its presence and name: what kind of file it is says it all.</summary>
public sealed record MarkerFileFacts(MarkerKind Kind) : FileFacts;

public enum MarkerKind
{
    /// <summary><c>stack.yaml</c>: its folder is a stack.</summary>
    Stack,

    /// <summary><c>project.yaml</c>: its folder is a project.</summary>
    Project,

    /// <summary>A solution, project, <c>.props</c>/<c>.targets</c> file or <c>global.json</c>: the .NET side.</summary>
    MsBuild,
}
