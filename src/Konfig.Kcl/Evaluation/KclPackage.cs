using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Evaluation;

/// <summary>A package: "__main__" or a dotted import path, its folder and its parsed files.</summary>
public sealed record KclPackage(string PackagePath, string Directory, IReadOnlyList<ModuleSyntax> Modules);
