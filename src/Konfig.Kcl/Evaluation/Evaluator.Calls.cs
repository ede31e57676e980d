using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private KclValue EvaluateCall(CallExpression call)
    {
        var function = Evaluate(call.Function);
        if (function.IsNoneOrUndefined && call.Function is SelectorExpression { IsOptional: true } or IndexExpression { IsOptional: true })
        {
            return NoneValue.Instance;
        }

        var arguments = new KclValue[call.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Evaluate(call.Arguments[i]);
        }

        var keywords = call.Keywords.Length == 0 ? [] : new KeyValuePair<string, KclValue>[call.Keywords.Length];
        for (var i = 0; i < keywords.Length; i++)
        {
            var keyword = call.Keywords[i];
            keywords[i] = new KeyValuePair<string, KclValue>(keyword.Name.Name, Evaluate(keyword.Value));
        }

        _pendingCallSite = GetCallSite(call);
        try
        {
            return CallFunction(function, arguments, keywords);
        }
        finally
        {
            _pendingCallSite = null;
        }
    }

    private CallSite? _pendingCallSite;

    /// <summary>Call sites by call expression: built once per call written in the source, not once per call made.</summary>
    private readonly Dictionary<SyntaxNode, CallSite> _callSites = new(ReferenceEqualityComparer.Instance);

    private CallSite GetCallSite(CallExpression call)
    {
        if (!_callSites.TryGetValue(call, out var site))
        {
            var arguments = ImmutableArray.CreateBuilder<TextSpan>(call.Arguments.Length);
            foreach (var argument in call.Arguments)
            {
                arguments.Add(argument.Span);
            }

            var keywords = ImmutableArray.CreateBuilder<(string Name, TextSpan Span)>(call.Keywords.Length);
            foreach (var keyword in call.Keywords)
            {
                keywords.Add((keyword.Name.Name, keyword.Span));
            }

            // Loops rather than LINQ: Select over a value type is code the ReadyToRun image lacks (JIT at start-up).
            site = new CallSite(call.Span, arguments.MoveToImmutable(), keywords.MoveToImmutable());
            _callSites[call] = site;
        }

        return site;
    }

    /// <summary>Takes the call site of the call being made, so nested calls do not see it.</summary>
    private CallSite? TakeCallSite()
    {
        var site = _pendingCallSite;
        _pendingCallSite = null;
        return site;
    }

    internal KclValue CallFunction(KclValue function, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
    {
        function = ResolveAlias(function);
        if (function is not FunctionValue callable)
        {
            throw Error($"'{function.TypeName}' object is not callable");
        }

        CheckCancellation();
        if (callable is not LambdaFunction and not SchemaType)
        {
            _pendingCallSite = null;
        }

        if (++_callDepth > MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _callDepth = 0;
            throw Error(EvaluationDiagnostics.RecursionLimit);
        }

        try
        {
            return callable.Invoke(this, arguments, keywords);
        }
        catch (KclRuntimeException exception)
        {
            throw new EvaluationException(new Diagnostics.Diagnostic(exception.Code, exception.Kind, Diagnostics.DiagnosticSeverity.Error,
                [new Diagnostics.DiagnosticLabel((_currentSpan ?? _statementSpan) is { } span ? Diagnostics.DiagnosticLocation.LineOnly(span) : null, exception.Message)]));
        }
        finally
        {
            if (_callDepth > 0)
            {
                _callDepth--;
            }
        }
    }

    internal KclValue CallLambda(LambdaFunction lambda, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
    {
        var site = TakeCallSite();
        var scope = new Scope(lambda.Closure.Locals, isFunction: true);
        var env = lambda.Closure with { Locals = scope };

        // WithEnv inlined: a closure per call is measurable in call-heavy programs.
        var saved = (_env, _statementSpan);
        _env = env;
        try
        {
            BindArguments(lambda.Node.Parameters, arguments, keywords, scope, "lambda", site);
            var result = ExecuteBlock(lambda.Node.Body);
            if (lambda.Node.ReturnType is { } returnType)
            {
                result = CheckType(result, returnType, env);
            }

            return result;
        }
        finally
        {
            (_env, _statementSpan) = saved;
        }
    }

    /// <summary>Binds positional and keyword arguments to parameters in <paramref name="scope"/> (evaluated in the current env).</summary>
    /// <param name="requireArguments">False for a schema instance made from a config by a type (no call written): its parameters are left undefined.</param>
    /// <param name="strictConfigs">For schema arguments: see <see cref="SetsEveryRequiredWithoutDefault"/>.</param>
    private void BindArguments(IReadOnlyList<Parameter> parameters, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, Scope scope, string functionName, CallSite? site, bool requireArguments = true, bool strictConfigs = false)
    {
        var errorSpan = site?.Span ?? _statementSpan;
        if (arguments.Count > parameters.Count)
        {
            var span = site is { } s && s.Arguments.Length > parameters.Count ? s.Arguments[parameters.Count] : errorSpan;
            throw CompileError(span, $"\"{functionName}\" takes {parameters.Count} positional argument but {arguments.Count} were given");
        }

        for (var k = 0; k < keywords.Count; k++)
        {
            var key = keywords[k].Key;
            if (!HasParameter(parameters, key))
            {
                var span = site?.Keywords.FirstOrDefault(k => k.Name == key).Span is { File: not null } keySpan ? keySpan : errorSpan;
                throw CompileError(span, $"\"{functionName}\" got an unexpected keyword argument '{key}'");
            }
        }

        var required = 0;
        var found = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Default is not null)
            {
                continue;
            }

            required++;
            if (i < arguments.Count || HasKeyword(keywords, parameters[i].Name.Name))
            {
                found++;
            }
        }

        if (found < required && requireArguments)
        {
            throw CompileError(errorSpan, $"expected {required} positional argument{(required == 1 ? "" : "s")}, found {found}");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            KclValue? value = i < arguments.Count ? arguments[i] : null;
            for (var k = 0; k < keywords.Count; k++)
            {
                if (keywords[k].Key == parameter.Name.Name)
                {
                    value = keywords[k].Value;
                }
            }

            value ??= parameter.Default is not null ? Evaluate(parameter.Default) : UndefinedValue.Instance;
            if (parameter.Type is not null)
            {
                value = CheckType(value, parameter.Type, _env, strictConfigs);
            }

            scope.Declare(parameter.Name.Name, value);
        }
    }

    private static bool HasParameter(IReadOnlyList<Parameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasKeyword(IReadOnlyList<KeyValuePair<string, KclValue>> keywords, string name)
    {
        for (var i = 0; i < keywords.Count; i++)
        {
            if (keywords[i].Key == name)
            {
                return true;
            }
        }

        return false;
    }

    private EvaluationException CompileError(Text.TextSpan? span, string message) =>
        span is { } s ? new EvaluationException(EvaluationDiagnostics.Compile(s, message)) : Error(message);
}
