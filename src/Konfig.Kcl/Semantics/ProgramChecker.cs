using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Semantics;

/// <summary>
/// Checks a program package by package: the main package, and each imported package the first time an
/// import names it (before the importer's own checks, as the reference does). Detects import cycles.
/// </summary>
internal sealed class ProgramChecker(KclPackage main, IPackageResolver resolver)
{
    public const string MainPackagePath = "__main__";

    private readonly DiagnosticBag _bag = new();
    private readonly Dictionary<string, PackageChecker> _packages = new(StringComparer.Ordinal);
    private readonly List<PackageChecker> _inProgress = [];
    private string? _rootPrefix;
    private string? _rootDirectory;

    public ImmutableArray<Diagnostic> Diagnostics => _bag.ToImmutable();

    public IPackageResolver Resolver { get; } = resolver;

    public KclPackage Main { get; } = main;

    public void Report(Diagnostic diagnostic) => _bag.Add(diagnostic);

    public void CheckMain()
    {
        var checker = new PackageChecker(this, Main, MainPackagePath);
        _packages[MainPackagePath] = checker;
        Run(checker);
    }

    /// <summary>The checker of an imported package, checking it first if needed; reports import cycles.</summary>
    public PackageChecker Import(KclPackage package, PackageChecker importer, ImportStatement import)
    {
        if (_packages.TryGetValue(package.PackagePath, out var existing))
        {
            // A package importing itself is the loader's to report (RecursiveLoad).
            var at = _inProgress.IndexOf(existing);
            if (at >= 0 && !ReferenceEquals(existing, importer))
            {
                ReportCycle(at, importer, import);
            }

            return existing;
        }

        var checker = new PackageChecker(this, package, package.PackagePath);
        _packages[package.PackagePath] = checker;
        Run(checker);
        return checker;
    }

    private void Run(PackageChecker checker)
    {
        _inProgress.Add(checker);
        try
        {
            checker.Check();
        }
        finally
        {
            _inProgress.Remove(checker);
        }
    }

    private void ReportCycle(int start, PackageChecker importer, ImportStatement import)
    {
        var cycle = _inProgress.Skip(start).ToList();
        var names = cycle.Select(c => c.PackagePath).ToList();
        foreach (var member in cycle)
        {
            var statement = ReferenceEquals(member, importer) ? import : member.CurrentImport;
            if (statement is not null)
            {
                Report(SemanticDiagnostics.CircularModules(statement.Span, names));
            }
        }
    }

    /// <summary>The package path and folder KCL names in "Cannot find the module" for an import that failed.</summary>
    public (string PackagePath, string Directory) DescribeMissingImport(string importPath, KclPackage importer)
    {
        var trimmed = importPath.TrimStart('.');
        if (importPath.StartsWith('.'))
        {
            var prefix = importer.PackagePath == MainPackagePath ? RootPrefix() : importer.PackagePath;
            var path = string.IsNullOrEmpty(prefix) ? trimmed : prefix + "." + trimmed;
            return (path, importer.Directory.TrimEnd('/') + "/" + trimmed.Replace('.', '/'));
        }

        RootPrefix();
        return (importPath, (_rootDirectory ?? Main.Directory).TrimEnd('/') + "/" + importPath.Replace('.', '/'));
    }

    /// <summary>The main package's folder relative to the nearest kcl.mod, dotted ("" when they are the same).</summary>
    private string RootPrefix()
    {
        if (_rootPrefix is not null)
        {
            return _rootPrefix;
        }

        _rootPrefix = string.Empty;
        _rootDirectory = Main.Directory;
        for (var directory = new DirectoryInfo(Main.Directory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "kcl.mod")))
            {
                _rootDirectory = directory.FullName;
                var relative = Path.GetRelativePath(directory.FullName, Main.Directory);
                _rootPrefix = relative == "." ? string.Empty : relative.Replace(Path.DirectorySeparatorChar, '.');
                break;
            }
        }

        return _rootPrefix;
    }
}
