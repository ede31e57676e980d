using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Finds and parses the packages a program imports, the way kcl lays them out: <c>import a.b.c</c> is the
/// folder <c>&lt;root&gt;/a/b/c/</c> (its <c>.k</c> files, except <c>_test.k</c> and <c>_</c>-prefixed ones)
/// or the file <c>&lt;root&gt;/a/b/c.k</c>; the root is the kcl.mod folder, or the main package's folder
/// when there is none. A leading dot is relative to the importing file's folder. Packages of
/// <c>[dependencies]</c> with a <c>path</c> resolve under their own root. Each package is loaded once per run.
/// </summary>
internal sealed class PackageLoader : IPackageResolver
{
    public const string MainPackagePath = "__main__";

    private const string PluginPrefix = "kcl_plugin.";

    private readonly ParseCache _cache;
    private readonly PackageRoot _mainRoot;
    private readonly IReadOnlyDictionary<string, string> _dependencyRoots;
    private readonly Dictionary<KclPackage, PackageRoot> _roots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, KclPackage> _packages = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<string> _reportedFiles = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PackageLoader(ParseCache cache, string rootDirectory, IReadOnlyDictionary<string, string> dependencyRoots)
    {
        _cache = cache;
        _mainRoot = new PackageRoot(Path.GetFullPath(rootDirectory), MainPackagePath);
        _dependencyRoots = dependencyRoots;
    }

    public string RootDirectory => _mainRoot.Directory;

    /// <summary>Parse diagnostics of every loaded file and the imports that could not be found, in load order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            lock (_gate)
            {
                return [.. _diagnostics];
            }
        }
    }

    public bool HasSyntaxErrors { get; private set; }

    /// <summary>Syntax errors, or an import kcl refuses to load: evaluation must not start.</summary>
    public bool HasFatalErrors { get; private set; }

    /// <summary>Parses the entry files into the <c>__main__</c> package (folder: the first file's folder).</summary>
    public KclPackage LoadMain(IReadOnlyList<string> files)
    {
        var modules = files.Select(Parse).ToArray();
        var package = new KclPackage(MainPackagePath, Path.GetDirectoryName(files[0]) ?? _mainRoot.Directory, modules);
        lock (_gate)
        {
            _roots[package] = _mainRoot;
        }

        return package;
    }

    /// <summary>
    /// Loads every package reachable from <paramref name="main"/> breadth-first, so all syntax errors and
    /// missing modules are known before evaluation starts.
    /// </summary>
    public void LoadImports(KclPackage main)
    {
        var visited = new HashSet<KclPackage>(ReferenceEqualityComparer.Instance) { main };
        var queue = new Queue<KclPackage>([main]);
        while (queue.Count > 0)
        {
            var package = queue.Dequeue();
            foreach (var module in package.Modules)
            {
                foreach (var import in module.Body.OfType<ImportStatement>())
                {
                    if (IsSystemOrPlugin(import.Path))
                    {
                        continue;
                    }

                    var imported = ResolveCore(import.Path, package, module, import);
                    if (imported is not null && imported.Modules.Any(m => m.File.Path == module.File.Path))
                    {
                        // A file that imports a package made of itself: kcl refuses to load the program.
                        lock (_gate)
                        {
                            _diagnostics.Add(CompilationDiagnostics.RecursiveLoad(module.File.Path));
                            HasFatalErrors = true;
                        }

                        continue;
                    }

                    if (imported is not null && visited.Add(imported))
                    {
                        queue.Enqueue(imported);
                    }
                }
            }
        }
    }

    public KclPackage? Resolve(string importPath, KclPackage importer, ModuleSyntax importingFile)
    {
        ArgumentNullException.ThrowIfNull(importPath);
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(importingFile);
        return IsSystemOrPlugin(importPath) ? null : ResolveCore(importPath, importer, importingFile, null);
    }

    /// <summary>
    /// kcl's <c>fix_import_path</c>: turns <c>.sub</c>/<c>..sub</c> into an absolute dotted path from the root,
    /// using the importing file's folder; an absolute path is returned as is; "" when it climbs above the root.
    /// </summary>
    public static string FixImportPath(string root, string importingFile, string importPath)
    {
        if (!importPath.StartsWith('.'))
        {
            return importPath;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(importingFile)) ?? string.Empty;
        var relative = Path.GetRelativePath(Path.GetFullPath(root), folder);
        var packagePath = relative == "." ? string.Empty : relative.Replace('/', '.').Replace('\\', '.').TrimEnd('.');
        var dots = importPath.TakeWhile(c => c == '.').Count();
        if (packagePath.Length == 0)
        {
            return dots <= 1 ? importPath.Trim('.') : string.Empty;
        }

        if (dots == 1)
        {
            return packagePath + importPath;
        }

        var parts = packagePath.Split('.');
        if (dots - 1 < parts.Length)
        {
            return string.Join('.', parts[..(parts.Length - dots + 1)]) + "." + importPath[dots..];
        }

        return dots - 1 == parts.Length ? importPath[dots..] : string.Empty;
    }

    /// <summary>The <c>.k</c> files of a package folder as kcl picks them: no <c>_test.k</c>, no <c>_</c> prefix, sorted.</summary>
    public static List<string> GetPackageFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(directory, "*.k")
            .Where(f =>
            {
                var name = Path.GetFileName(f);
                return name.EndsWith(".k", StringComparison.Ordinal) && !name.EndsWith("_test.k", StringComparison.Ordinal) && !name.StartsWith('_');
            })
            .Select(Path.GetFullPath)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool IsSystemOrPlugin(string importPath) =>
        // System modules never reach the file system; their table is the one the evaluator imports from.
        Modules.SystemModules.IsSystemModule(importPath) || importPath.StartsWith(PluginPrefix, StringComparison.Ordinal);

    private KclPackage? ResolveCore(string importPath, KclPackage importer, ModuleSyntax importingFile, ImportStatement? statement)
    {
        lock (_gate)
        {
            var root = _roots.GetValueOrDefault(importer) ?? _mainRoot;
            var packagePath = FixImportPath(root.Directory, importingFile.File.Path, importPath);
            if (packagePath.Length == 0)
            {
                if (statement is not null)
                {
                    _diagnostics.Add(CompilationDiagnostics.ImportOutsideRoot(statement.Span, importPath));
                }

                return GetOrAddEmpty(importPath.TrimStart('.'), root);
            }

            // 1. Inside the importer's own root.
            var location = Locate(root.Directory, packagePath);
            if (location is not null)
            {
                var fullPath = root.Name == MainPackagePath ? packagePath : root.Name + "." + packagePath;
                return GetOrLoad(fullPath, location, root);
            }

            // 2. A dependency from kcl.mod: the first part of the path names it.
            var name = packagePath.Split('.')[0];
            if (_dependencyRoots.TryGetValue(name, out var dependencyDirectory))
            {
                var rest = packagePath.Length > name.Length ? packagePath[(name.Length + 1)..] : string.Empty;
                var dependencyLocation = rest.Length == 0 ? dependencyDirectory : Locate(dependencyDirectory, rest);
                if (dependencyLocation is not null)
                {
                    return GetOrLoad(packagePath, dependencyLocation, new PackageRoot(dependencyDirectory, name));
                }
            }

            if (statement is not null)
            {
                var searched = root.Directory + "/" + packagePath.Replace('.', '/');
                _diagnostics.Add(CompilationDiagnostics.ModuleNotFound(statement.Span, importPath, searched, name));
            }

            // An empty stand-in, so evaluation reports what the program then reads from it, as kcl does.
            var missingPath = root.Name == MainPackagePath ? packagePath : root.Name + "." + packagePath;
            return GetOrAddEmpty(missingPath, root);
        }
    }

    /// <summary>The folder or <c>.k</c> file that holds <paramref name="packagePath"/> under <paramref name="root"/>, or null.</summary>
    private static string? Locate(string root, string packagePath)
    {
        var path = Path.Combine([root, .. packagePath.Split('.')]);
        if (Directory.Exists(path))
        {
            return path;
        }

        return File.Exists(path + ".k") ? path + ".k" : null;
    }

    private KclPackage GetOrLoad(string fullPath, string location, PackageRoot root)
    {
        if (_packages.TryGetValue(fullPath, out var existing))
        {
            return existing;
        }

        var isFile = File.Exists(location) && !Directory.Exists(location);
        var files = isFile ? [Path.GetFullPath(location)] : GetPackageFiles(location);
        var directory = isFile ? Path.GetDirectoryName(Path.GetFullPath(location)) ?? root.Directory : Path.GetFullPath(location);
        var package = new KclPackage(fullPath, directory, files.Select(Parse).ToArray());
        _packages[fullPath] = package;
        _roots[package] = root;
        return package;
    }

    private KclPackage GetOrAddEmpty(string fullPath, PackageRoot root)
    {
        if (_packages.TryGetValue(fullPath, out var existing))
        {
            return existing;
        }

        var package = new KclPackage(fullPath, root.Directory, []);
        _packages[fullPath] = package;
        _roots[package] = root;
        return package;
    }

    private ModuleSyntax Parse(string file)
    {
        var result = _cache.GetOrParse(file);
        lock (_gate)
        {
            // A file shared by two packages reports its syntax errors once.
            if (_reportedFiles.Add(result.Module.File.Path) && !result.Diagnostics.IsDefaultOrEmpty)
            {
                _diagnostics.AddRange(result.Diagnostics);
                HasSyntaxErrors |= result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
                HasFatalErrors |= HasSyntaxErrors;
            }
        }

        return result.Module;
    }

    private sealed record PackageRoot(string Directory, string Name);
}
