using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>Where code runs: its package and file (for globals and imports), its local scope and the schema instance being built.</summary>
internal sealed record Env(PackageState Package, ModuleSyntax Module, Scope? Locals, SchemaFrame? Schema)
{
    /// <summary>The config literals being built around the code, innermost on top.</summary>
    public ImmutableStack<DictValue> Configs { get; init; } = ImmutableStack<DictValue>.Empty;

    public bool InLambda => Locals is not null && Locals.InFunction;
}
