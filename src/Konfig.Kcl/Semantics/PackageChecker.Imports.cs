using Konfig.Kcl.Modules;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private readonly Dictionary<string, PackageChecker?> _importedPackages = new(StringComparer.Ordinal);

    private void ResolveImports(ModuleSyntax module)
    {
        var table = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        _imports[module] = table;
        foreach (var statement in module.Body)
        {
            if (statement is ImportStatement import)
            {
                table[import.Name] = new Symbol(import.Name, SymbolKind.Module, ResolveImport(module, import), import.Span);
            }
        }
    }

    private KclType ResolveImport(ModuleSyntax module, ImportStatement import)
    {
        var path = import.Path;
        if (path == "kcl_plugin" || path.StartsWith("kcl_plugin.", StringComparison.Ordinal))
        {
            return KclType.ModuleOf(path, ModuleKind.Plugin);
        }

        if (!path.StartsWith('.') && SystemModules.IsSystemModule(path))
        {
            return KclType.ModuleOf(path, ModuleKind.System);
        }

        CurrentImport = import;
        try
        {
            var package = _program.Resolver.Resolve(path, Package, module);
            if (package is null)
            {
                var (packagePath, directory) = _program.DescribeMissingImport(path, Package);
                Report(SemanticDiagnostics.CannotFindModule(import.Span, path, directory, packagePath.Split('.')[0]));
                _importedPackages[packagePath] = null;
                return KclType.ModuleOf(packagePath, ModuleKind.User);
            }

            var checker = _program.Import(package, this, import);
            _importedPackages[package.PackagePath] = checker;
            return KclType.ModuleOf(package.PackagePath, ModuleKind.User);
        }
        finally
        {
            CurrentImport = null;
        }
    }

    /// <summary>A global of an imported user package, or null when the package has no such member.</summary>
    private KclType? LoadModuleMember(KclType module, string member)
    {
        switch (module.ModuleKind)
        {
            case ModuleKind.Plugin:
                return KclType.Any;
            case ModuleKind.System:
                return SystemModules.TryGetMember(module.ModulePath, member, out _) ? KclType.Any : null;
            default:
                if (!_importedPackages.TryGetValue(module.ModulePath, out var checker))
                {
                    return KclType.Any;
                }

                if (checker is null)
                {
                    return null;
                }

                return checker.PackageScope.GetLocal(member)?.Type;
        }
    }
}
