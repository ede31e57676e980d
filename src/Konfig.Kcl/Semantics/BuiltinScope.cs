using System.Collections.Immutable;
using Konfig.Kcl.Modules;

namespace Konfig.Kcl.Semantics;

/// <summary>
/// The builtin functions every package sees. Their parameters are not checked (they are variadic to
/// the checker); a few conversions have a known result type, which KCL uses in its messages.
/// </summary>
internal static class BuiltinScope
{
    public static Scope Instance { get; } = Build();

    private static Scope Build()
    {
        var scope = new Scope(ScopeKind.Builtin, null);
        foreach (var name in Builtins.Names)
        {
            var result = name switch
            {
                "int" => KclType.Int,
                "float" => KclType.Float,
                "str" or "typeof" => KclType.Str,
                "bool" or "isunique" or "isnullish" or "all_true" or "any_true" or "multiplyof" => KclType.Bool,
                "len" => KclType.Int,
                _ => KclType.Any,
            };
            var signature = new FunctionSignature(ImmutableArray<ParameterSymbol>.Empty, result, IsVariadic: true);
            scope.Set(new Symbol(name, SymbolKind.Definition, KclType.FunctionOf(signature), null));
        }

        return scope;
    }

    /// <summary>
    /// How many positional arguments each str method needs; calls with fewer are reported like the
    /// reference does ("expected 1 positional argument, found 0").
    /// </summary>
    public static int RequiredStringMethodArguments(string method) => method switch
    {
        "count" or "endswith" or "find" or "index" or "join" or "removeprefix" or "removesuffix" or "rfind" or "rindex" or "startswith" => 1,
        "replace" => 2,
        _ => 0,
    };
}
