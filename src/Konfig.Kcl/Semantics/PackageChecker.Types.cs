using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    /// <summary>The type an annotation names; unknown names are reported and become any.</summary>
    private KclType ResolveType(TypeNode node) => node switch
    {
        NamedType named => ResolveNamedType(named),
        ListType list => KclType.List(list.Element is null ? KclType.Any : ResolveType(list.Element)),
        DictType dict => KclType.Dict(
            dict.Key is null ? KclType.Any : ResolveType(dict.Key),
            dict.Value is null ? KclType.Any : ResolveType(dict.Value)),
        UnionType union => KclType.Union([.. union.Types.Select(ResolveType)]),
        LiteralType literal => literal.Value switch
        {
            null => KclType.None,
            bool b => KclType.BoolLiteral(b),
            long i when literal.Suffix is { } suffix => KclType.NumberMultiplierLiteral(i, suffix),
            long i => KclType.IntLiteral(i),
            double d => KclType.FloatLiteral(d),
            string s => KclType.StrLiteral(s),
            _ => KclType.Any,
        },
        FunctionType function => KclType.FunctionOf(new FunctionSignature(
            [.. function.Parameters.Select((p, i) => new ParameterSymbol("arg" + i, ResolveType(p), false, null))],
            function.Return is null ? KclType.Any : ResolveType(function.Return),
            IsVariadic: false)),
        _ => KclType.Any,
    };

    private KclType ResolveNamedType(NamedType named)
    {
        if (named.Names.Length == 1)
        {
            var name = named.Names[0];
            switch (name)
            {
                case "any":
                    return KclType.Any;
                case "int":
                    return KclType.Int;
                case "float":
                    return KclType.Float;
                case "str":
                    return KclType.Str;
                case "bool":
                    return KclType.Bool;
                case "None" or "Undefined":
                    return KclType.None;
            }

            if (_aliases.ContainsKey(name))
            {
                return ResolveAlias(name);
            }

            var symbol = PackageScope.GetLocal(name);
            if (symbol is null && _module is not null && _imports.TryGetValue(_module, out var imports) && imports.ContainsKey(name))
            {
                return KclType.Any;
            }

            if (symbol is null)
            {
                Report(SemanticDiagnostics.NameNotDefined(named.Span, name, Suggestions.For(name, PackageScope.Names.Concat(BuiltinScope.Instance.Names))));
                return KclType.Any;
            }

            return symbol.Kind is SymbolKind.Definition or SymbolKind.TypeAlias ? AsInstanceType(symbol.Type) : KclType.Any;
        }

        // pkg.Schema: the first name must be an import of this file.
        if (_module is not null && _imports.TryGetValue(_module, out var fileImports)
            && fileImports.TryGetValue(named.Names[0], out var module) && module.Type.IsModule && named.Names.Length == 2)
        {
            return AsInstanceType(LoadModuleMember(module.Type, named.Names[1]) ?? KclType.Any);
        }

        return KclType.Any;
    }

    /// <summary>
    /// A schema named in an annotation keeps the reference's "not an instance" flag (it only changes which
    /// names "did you mean" offers); modules are not types.
    /// </summary>
    private static KclType AsInstanceType(KclType type) => type switch
    {
        { Kind: TypeKind.Module } => KclType.Any,
        _ => type,
    };

    /// <summary>The function type of a lambda from its annotations (the body is not looked at).</summary>
    private FunctionSignature LambdaSignature(LambdaExpression lambda, bool report)
    {
        var parameters = ImmutableArray.CreateBuilder<ParameterSymbol>();
        foreach (var parameter in lambda.Parameters)
        {
            var type = parameter.Type is null ? KclType.Any : report ? ResolveType(parameter.Type) : ResolveTypeQuietly(parameter.Type);
            parameters.Add(new ParameterSymbol(parameter.Name.Name, type, parameter.Default is not null, parameter.Span));
        }

        var result = lambda.ReturnType is null ? KclType.Any : report ? ResolveType(lambda.ReturnType) : ResolveTypeQuietly(lambda.ReturnType);
        return new FunctionSignature(parameters.ToImmutable(), result, IsVariadic: false);
    }

    private KclType ResolveTypeQuietly(TypeNode node)
    {
        var suppressed = _quiet;
        _quiet = true;
        try
        {
            return ResolveType(node);
        }
        finally
        {
            _quiet = suppressed;
        }
    }

    private bool _quiet;
}
