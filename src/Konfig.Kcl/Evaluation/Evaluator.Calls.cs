using System.Runtime.CompilerServices;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private KclValue EvaluateCall(CallExpression call)
    {
        var function = Evaluate(call.Function);
        var arguments = new List<KclValue>(call.Arguments.Length);
        foreach (var argument in call.Arguments)
        {
            arguments.Add(Evaluate(argument));
        }

        var keywords = new List<KeyValuePair<string, KclValue>>(call.Keywords.Length);
        foreach (var keyword in call.Keywords)
        {
            keywords.Add(new KeyValuePair<string, KclValue>(keyword.Name.Name, Evaluate(keyword.Value)));
        }

        return CallFunction(function, arguments, keywords);
    }

    internal KclValue CallFunction(KclValue function, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
    {
        if (function is not FunctionValue callable)
        {
            throw Error($"'{function.TypeName}' object is not callable");
        }

        CheckCancellation();
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
                [new Diagnostics.DiagnosticLabel(_statementSpan is { } span ? Diagnostics.DiagnosticLocation.LineOnly(span) : null, exception.Message)]));
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
        var scope = new Scope(lambda.Closure.Locals, isFunction: true);
        var env = lambda.Closure with { Locals = scope };
        return WithEnv(env, () =>
        {
            BindArguments(lambda.Node.Parameters, arguments, keywords, scope, "lambda");
            var result = ExecuteBlock(lambda.Node.Body);
            if (lambda.Node.ReturnType is { } returnType)
            {
                result = CheckType(result, returnType, env, lambda.Node.Span);
            }

            return result;
        });
    }

    /// <summary>Binds positional and keyword arguments to parameters in <paramref name="scope"/> (evaluated in the current env).</summary>
    private void BindArguments(IReadOnlyList<Parameter> parameters, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, Scope scope, string functionName)
    {
        if (arguments.Count > parameters.Count)
        {
            throw Error($"{functionName}() takes {parameters.Count} positional argument{(parameters.Count == 1 ? "" : "s")} but {arguments.Count} were given");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            KclValue? value = i < arguments.Count ? arguments[i] : null;
            foreach (var (key, keywordValue) in keywords)
            {
                if (key == parameter.Name.Name)
                {
                    value = keywordValue;
                }
            }

            if (value is null)
            {
                if (parameter.Default is not null)
                {
                    value = Evaluate(parameter.Default);
                }
                else
                {
                    throw Error($"{functionName}() missing 1 required positional argument: '{parameter.Name.Name}'");
                }
            }

            if (parameter.Type is not null)
            {
                value = CheckType(value, parameter.Type, _env, parameter.Span);
            }

            scope.Declare(parameter.Name.Name, value);
        }

        foreach (var (key, _) in keywords)
        {
            if (!parameters.Any(p => p.Name.Name == key))
            {
                throw Error($"{functionName}() got an unexpected keyword argument '{key}'");
            }
        }
    }
}
