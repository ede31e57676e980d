namespace Konfig.Affected.Graph;

public enum NodeKind
{
    /// <summary>A file: a KCL source, an entrance file, a data file or a metadata file.</summary>
    File,

    /// <summary>A KCL package: a folder of .k files, imported as a whole.</summary>
    Package,

    /// <summary>A stack: what gets compiled.</summary>
    Stack,
}

/// <summary>A node of the dependency graph. Paths are repository paths.</summary>
public readonly record struct DependencyNode(NodeKind Kind, string Path)
{
    public static DependencyNode File(string path) => new(NodeKind.File, path);

    public static DependencyNode Package(string path) => new(NodeKind.Package, path);

    public static DependencyNode Stack(string path) => new(NodeKind.Stack, path);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Path}";
}

/// <summary>How a dependent node depends on another: the words of a reason chain.</summary>
public enum DependencyKind
{
    /// <summary>The file is one of the package's files.</summary>
    PackageFile,

    /// <summary>The file imports the package (or module file).</summary>
    Import,

    /// <summary>The stack compiles the package in its own folder.</summary>
    StackFolder,

    /// <summary>The stack's settings list the file as an entrance file.</summary>
    EntranceFile,
}

/// <summary>An edge read backwards: <see cref="Dependent"/> depends on the node the edge is stored under.</summary>
public readonly record struct DependentEdge(DependencyNode Dependent, DependencyKind Kind);
