using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Evaluation;

/// <summary>Finds the packages that <c>import</c> statements name; owned by the evaluator, implemented by the runner.</summary>
public interface IPackageResolver
{
    /// <summary>
    /// Resolves <c>import importPath</c> written in <paramref name="importingFile"/> (a file of package
    /// <paramref name="importer"/>). Returns null when no such package or module exists. System modules
    /// (math, json…) never reach the resolver.
    /// </summary>
    KclPackage? Resolve(string importPath, KclPackage importer, ModuleSyntax importingFile);
}
