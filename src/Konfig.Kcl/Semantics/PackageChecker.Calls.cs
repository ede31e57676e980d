using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private KclType Call(CallExpression call)
    {
        var function = ExpressionWithoutContext(call.Function);
        switch (function.Kind)
        {
            case TypeKind.Function when !function.Function!.IsVariadic:
                CheckArguments(call.Function, call.Arguments, call.Keywords, function.Function.Parameters, isSchema: false, call.Function.Span);
                return function.Function.Return;
            case TypeKind.Function:
                WalkArguments(call);
                if (call.Function is SelectorExpression { Attribute.Name: var method } selector && IsStringValue(selector))
                {
                    var required = BuiltinScope.RequiredStringMethodArguments(method);
                    if (call.Arguments.Length + call.Keywords.Length < required)
                    {
                        Report(SemanticDiagnostics.MissingPositional(call.Function.Span, required, call.Arguments.Length));
                    }
                }

                return function.Function.Return;
            case TypeKind.Schema when !function.IsInstance:
                CheckArguments(call.Function, call.Arguments, call.Keywords, function.Schema!.Parameters, isSchema: true, call.Function.Span);
                return KclType.SchemaOf(function.Schema, isInstance: true);
            default:
                WalkArguments(call);
                return KclType.Any;
        }
    }

    private bool IsStringValue(SelectorExpression selector) =>
        WithContext(null, () =>
        {
            var saved = _quiet;
            _quiet = true;
            try
            {
                return Expression(selector.Value).IsStrLike;
            }
            finally
            {
                _quiet = saved;
            }
        });

    private void WalkArguments(CallExpression call)
    {
        foreach (var argument in call.Arguments)
        {
            ExpressionWithoutContext(argument);
        }

        foreach (var keyword in call.Keywords)
        {
            ExpressionWithoutContext(keyword.Value);
        }
    }

    private static string FunctionName(Expression function) => function switch
    {
        NameExpression name => "\"" + name.Name + "\"",
        SelectorExpression selector => "\"" + selector.Attribute.Name + "\"",
        ParenthesizedExpression paren => FunctionName(paren.Inner),
        _ => "anonymous function",
    };

    /// <summary>
    /// Arguments against parameters: too many positional arguments, unknown or repeated keywords, the
    /// types of both, and (for schemas) missing required parameters.
    /// </summary>
    private void CheckArguments(
        Expression function,
        ImmutableArray<Expression> arguments,
        ImmutableArray<KeywordArgument> keywords,
        ImmutableArray<ParameterSymbol> parameters,
        bool isSchema,
        TextSpan callSpan)
    {
        var name = FunctionName(function);
        var argumentTypes = new List<KclType>();
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = i < parameters.Length ? parameters[i] : null;
            argumentTypes.Add(WithContext(ParameterContext(parameter), () => Expression(arguments[i])));
        }

        var keywordTypes = new List<KclType>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            if (!seen.Add(keyword.Name.Name))
            {
                Report(SemanticDiagnostics.DuplicatedKeyword(keyword.Span, name, keyword.Name.Name));
            }

            var parameter = parameters.FirstOrDefault(p => p.Name == keyword.Name.Name);
            keywordTypes.Add(WithContext(ParameterContext(parameter), () => Expression(keyword.Value)));
        }

        for (var i = 0; i < argumentTypes.Count; i++)
        {
            if (i >= parameters.Length)
            {
                Report(SemanticDiagnostics.TooManyPositional(arguments[i].Span, name, parameters.Length, arguments.Length));
                break;
            }

            MustBeAssignable(argumentTypes[i], parameters[i].Type, arguments[i].Span, parameters[i].Span);
        }

        for (var i = 0; i < keywords.Length; i++)
        {
            var keyword = keywords[i];
            var parameter = parameters.FirstOrDefault(p => p.Name == keyword.Name.Name);
            if (parameter is null)
            {
                var suggestions = Suggestions.For(keyword.Name.Name, parameters.Select(p => p.Name));
                Report(SemanticDiagnostics.UnexpectedKeyword(keyword.Name.Span, name, keyword.Name.Name, suggestions));
                continue;
            }

            MustBeAssignable(keywordTypes[i], parameter.Type, keyword.Value.Span, parameter.Span);
        }

        // Missing required parameters. KCL fills them with None at run time and older versions accepted
        // calls that pass some positional arguments (the Konfig models rely on it), so the checker only
        // reports calls that pass none, as every case of the reference's suite does.
        if (isSchema && arguments.Length == 0)
        {
            var expected = parameters.Count(p => !p.HasDefault);
            var found = parameters.Count(p => !p.HasDefault && seen.Contains(p.Name));
            if (found < expected)
            {
                Report(SemanticDiagnostics.MissingPositional(callSpan, expected, found));
            }
        }
    }

    private static ContextItem? ParameterContext(ParameterSymbol? parameter) =>
        parameter is { Type.IsSchema: true } ? new ContextItem(KclType.SchemaOf(parameter.Type.Schema!, true), parameter.Span) : null;
}
