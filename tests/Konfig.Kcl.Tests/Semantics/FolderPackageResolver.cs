using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>
/// A small file-system resolver for checker tests: <c>import a.b</c> is the folder or file <c>a/b</c>
/// under the nearest kcl.mod (or the main folder), <c>import .a</c> is relative to the importer.
/// </summary>
internal sealed class FolderPackageResolver(string rootDirectory) : IPackageResolver
{
    private readonly Dictionary<string, KclPackage?> _cache = new(StringComparer.Ordinal);

    public static string FindRoot(string mainDirectory)
    {
        for (var directory = new DirectoryInfo(mainDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "kcl.mod")))
            {
                return directory.FullName;
            }
        }

        return mainDirectory;
    }

    public static KclPackage LoadMain(string directory, IEnumerable<string> files) =>
        new("__main__", directory, [.. files.Select(Parse)]);

    public KclPackage? Resolve(string importPath, KclPackage importer, ModuleSyntax importingFile)
    {
        string basePath;
        string rest;
        if (importPath.StartsWith('.'))
        {
            var dots = importPath.TakeWhile(c => c == '.').Count();
            basePath = Path.GetDirectoryName(importingFile.File.Path) ?? importer.Directory;
            for (var i = 1; i < dots; i++)
            {
                basePath = Path.GetDirectoryName(basePath) ?? basePath;
            }

            rest = importPath[dots..];
        }
        else
        {
            basePath = rootDirectory;
            rest = importPath;
        }

        if (rest.Length == 0 || rest.Split('.').Any(p => p.Length == 0))
        {
            return null;
        }

        var target = Path.Combine(basePath, rest.Replace('.', Path.DirectorySeparatorChar));
        if (_cache.TryGetValue(target, out var cached))
        {
            return cached;
        }

        KclPackage? package = null;
        var packagePath = Path.GetRelativePath(rootDirectory, target).Replace(Path.DirectorySeparatorChar, '.');
        if (Directory.Exists(target))
        {
            var files = Directory.GetFiles(target, "*.k").Where(f => !f.EndsWith("_test.k", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                package = new KclPackage(packagePath, target, [.. files.Select(Parse)]);
            }
        }
        else if (File.Exists(target + ".k"))
        {
            package = new KclPackage(packagePath, Path.GetDirectoryName(target)!, [Parse(target + ".k")]);
        }

        _cache[target] = package;
        return package;
    }

    private static ModuleSyntax Parse(string path) => KclParser.Parse(new SourceFile(path, File.ReadAllText(path))).Module;
}
