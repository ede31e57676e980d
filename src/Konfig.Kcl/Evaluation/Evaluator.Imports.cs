using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private readonly HashSet<string> _importsResolved = new(StringComparer.Ordinal);

    /// <summary>
    /// Resolves every import reachable from <paramref name="state"/> before evaluation, so missing
    /// modules and circular imports are reported as compile errors.
    /// </summary>
    internal void ResolveImports(PackageState state, List<Diagnostic> diagnostics, List<(PackageState State, ImportStatement Import)> stack)
    {
        if (!_importsResolved.Add(state.Path))
        {
            return;
        }

        foreach (var module in state.Package.Modules)
        {
            var imports = state.Imports[module];
            foreach (var import in module.Body.OfType<ImportStatement>())
            {
                var name = import.Name;
                if (SystemModules.IsSystemModule(import.Path) || IsPluginModule(import.Path))
                {
                    imports[name] = new ModuleValue(name, import.Path);
                    continue;
                }

                var package = _resolver.Resolve(import.Path, state.Package, module);
                if (package is null)
                {
                    var relative = import.Path.TrimStart('.').Replace('.', '/');
                    var directory = import.Path.StartsWith('.') ? state.Package.Directory : RootDirectory;
                    diagnostics.Add(EvaluationDiagnostics.CannotFindModule(import.Span, import.Path, Path.Combine(directory, relative).Replace('\\', '/')));
                    continue;
                }

                var cycleStart = stack.FindIndex(entry => entry.State.Path == package.PackagePath);
                if (package.PackagePath == state.Path || cycleStart >= 0)
                {
                    var members = stack.Skip(Math.Max(cycleStart, 0)).Select(entry => ShortName(entry.State.Path)).Append(ShortName(state.Path)).Distinct().Reverse().ToList();
                    var text = string.Join(", ", members);
                    diagnostics.Add(EvaluationDiagnostics.CircularImport(import.Span, text));
                    if (cycleStart >= 0)
                    {
                        diagnostics.Add(EvaluationDiagnostics.CircularImport(stack[cycleStart].Import.Span, text));
                    }

                    continue;
                }

                var child = GetPackageState(package);
                imports[name] = new ModuleValue(name, package.PackagePath);
                stack.Add((state, import));
                ResolveImports(child, diagnostics, stack);
                stack.RemoveAt(stack.Count - 1);
            }
        }
    }

    private const string PluginPrefix = "kcl_plugin.";

    private static bool IsPluginModule(string path) => path.StartsWith(PluginPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A function of a <c>kcl_plugin</c> module. Plugins are native extensions this implementation does not
    /// load, so, like the reference running without plugin mode, calling one fails.
    /// </summary>
    private static BuiltinFunction PluginFunction(string package, string member) =>
        new($"{package}.{member}", (_, _, _) =>
            throw new KclRuntimeException($"the plugin package `{package}` is not found, please confirm if plugin mode is enabled"));

    private string RootDirectory => _packages.TryGetValue("__main__", out var main) ? main.Package.Directory : _settings.WorkingDirectory;

    private static string ShortName(string packagePath) => packagePath == "__main__" ? "main" : packagePath.Split('.')[^1];

    /// <summary>Reads <c>module.member</c>: a system module function or a global of a user package.</summary>
    private KclValue GetModuleMember(ModuleValue module, string member, Syntax.Expression node)
    {
        if (!_packages.TryGetValue(module.Path, out var state))
        {
            if (IsPluginModule(module.Path))
            {
                return PluginFunction(module.Path, member);
            }

            if (SystemModules.TryGetMember(module.Path, member, out var value))
            {
                return value;
            }

            throw Error(EvaluationDiagnostics.Type(node.Span, $"attribute '{member}' not found in 'module '{module.Path}''"));
        }

        if (state.Status == PackageStatus.NotStarted)
        {
            RunPackage(state);
        }

        if (TryGetGlobal(state, member, out var global))
        {
            return global;
        }

        throw Error(EvaluationDiagnostics.Type(node.Span, $"attribute '{member}' not found in 'module '{module.Path}''"));
    }

    /// <summary>
    /// A dotted name (<c>pkg.attr</c>) whose root is an import of the current file means the module, as kcl
    /// binds such names before running: a config key, schema attribute or schema argument of the same name
    /// does not hide it; only comprehension variables and lambda locals do. In the main package the imports
    /// of every file count (kcl collects them for the whole package first), so a file may use a module that
    /// only another file of the program imports.
    /// </summary>
    private bool TryQualifiedImport(string name, out KclValue module)
    {
        module = null!;
        for (var scope = _env.Locals; scope is not null; scope = scope.Parent)
        {
            if ((scope.IsLoop || scope.IsFunction) && scope.TryGetOwn(name, out _))
            {
                return false;
            }
        }

        if (_env.Package.Imports.TryGetValue(_env.Module, out var imports) && imports.TryGetValue(name, out module!))
        {
            return module is ModuleValue;
        }

        if (!_env.Package.IsMain)
        {
            return false;
        }

        // Later files win, as the reference's package-wide import table is filled in file order.
        var modules = _env.Package.Package.Modules;
        for (var i = modules.Count - 1; i >= 0; i--)
        {
            if (_env.Package.Imports.TryGetValue(modules[i], out var other) && other.TryGetValue(name, out module!))
            {
                return module is ModuleValue;
            }
        }

        return false;
    }
}
