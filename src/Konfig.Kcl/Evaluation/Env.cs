using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Evaluation;

/// <summary>Where code runs: its package and file (for globals and imports), its local scope and the schema instance being built.</summary>
internal sealed record Env(PackageState Package, ModuleSyntax Module, Scope? Locals, SchemaFrame? Schema)
{

    public bool InLambda => Locals is not null && Locals.InFunction;
}
