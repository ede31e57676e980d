using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// Walks the syntax tree of a program and computes its values. One instance per run; it is also the
/// <see cref="CallContext"/> builtins see. Split by area into partial files.
/// </summary>
internal sealed partial class Evaluator : CallContext
{
    private const int MaxCallDepth = 1000;

    private readonly EvaluationSettings _settings;
    private readonly IPackageResolver _resolver;
    private readonly Dictionary<string, PackageState> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<SchemaType, List<KclValue>> _instances = new(ReferenceEqualityComparer.Instance);
    private Env _env = null!;
    private TextSpan? _statementSpan;

    /// <summary>
    /// The statement or expression entered last, like the reference's panic info: set on entering each
    /// node and never restored on leaving it, so a run-time error points at the line evaluated last.
    /// </summary>
    private TextSpan? _currentSpan;
    private int _callDepth;
    private int _schemaDepth;
    private int _schemaExpressionDepth;

    public Evaluator(EvaluationSettings settings, IPackageResolver resolver)
    {
        _settings = settings;
        _resolver = resolver;
    }

    public override string WorkingDirectory => _settings.WorkingDirectory;

    public override string CurrentFile => _env?.Module.File.Path ?? string.Empty;

    public override IReadOnlyDictionary<string, KclValue> Options => _settings.Options;

    public override TextWriter Output => _settings.Output;

    public override bool SortKeys => _settings.SortKeys;

    public override bool StrictRangeCheck => _settings.StrictRangeCheck;

    public override bool Debug => _settings.Debug;

    public override void ThrowIfCancelled() => CheckCancellation();

    public override KclValue Call(FunctionValue function, IReadOnlyList<KclValue> arguments) =>
        function.Invoke(this, arguments, []);

    public override string? CallCatchingErrors(FunctionValue function, IReadOnlyList<KclValue> arguments)
    {
        try
        {
            Call(function, arguments);
            return null;
        }
        catch (KclRuntimeException exception)
        {
            return exception.Message;
        }
        catch (EvaluationException exception)
        {
            return exception.PanicMessage;
        }
    }

    public override string? GetParameterType(FunctionValue function, int index) =>
        function is LambdaFunction lambda && index < lambda.Node.Parameters.Length && lambda.Node.Parameters[index].Type is { } type
            ? TypeText(type)
            : null;

    public override IReadOnlyList<KclValue> GetSchemaInstances(object schema) =>
        schema is SchemaType type ? CollectInstances(type) : [];

    /// <summary>Evaluates the main package and returns its exported values.</summary>
    public IReadOnlyList<KeyValuePair<string, KclValue>> Run(KclPackage main)
    {
        var state = GetPackageState(main);
        RunPackage(state);
        var values = new List<KeyValuePair<string, KclValue>>();
        var copies = new Dictionary<KclValue, KclValue>(ReferenceEqualityComparer.Instance);
        foreach (var name in state.Order)
        {
            if ((name.StartsWith('_') && !_settings.ShowHidden) || !state.Globals.TryGetValue(name, out var variable) || variable.Value is not { } value)
            {
                continue;
            }

            if (value is FunctionValue or ModuleValue or UndefinedValue or TypeAliasValue)
            {
                continue;
            }

            values.Add(new KeyValuePair<string, KclValue>(name, _settings.ShowHidden ? value : RemoveHidden(value, copies)));
        }

        Document = BuildDocument(state, values);
        return values;
    }

    internal PackageState GetPackageState(KclPackage package)
    {
        if (_packages.TryGetValue(package.PackagePath, out var existing))
        {
            return existing;
        }

        var state = new PackageState(package);
        _packages[package.PackagePath] = state;
        foreach (var module in package.Modules)
        {
            state.Imports[module] = new Dictionary<string, KclValue>(StringComparer.Ordinal);
            foreach (var statement in module.Body)
            {
                var top = new TopStatement(statement, module);
                state.Statements.Add(top);
                var env = new Env(state, module, null, null);
                switch (statement)
                {
                    case SchemaStatement schema:
                        state.GetOrAddGlobal(schema.Name.Name).Value = new SchemaType(schema, state, module);
                        top.Executed = true;
                        break;
                    case RuleStatement rule:
                        state.GetOrAddGlobal(rule.Name.Name).Value = new SchemaType(rule, state, module);
                        top.Executed = true;
                        break;
                    case TypeAliasStatement alias:
                        state.GetOrAddGlobal(alias.Name.Name).Value = new TypeAliasValue(alias.Name.Name, alias.Type, env);
                        top.Executed = true;
                        break;
                    case ImportStatement:
                        top.Executed = true;
                        break;
                    default:
                        foreach (var name in AssignedNames(statement))
                        {
                            var variable = state.GetOrAddGlobal(name);
                            if (!variable.Setters.Contains(top))
                            {
                                variable.Setters.Add(top);
                            }
                        }

                        break;
                }
            }
        }

        return state;
    }

    /// <summary>Runs every statement of a package that has not run yet.</summary>
    internal void RunPackage(PackageState state)
    {
        if (state.Status != PackageStatus.NotStarted)
        {
            return;
        }

        state.Status = PackageStatus.Running;
        var saved = (_env, _statementSpan);
        try
        {
            foreach (var top in state.Statements)
            {
                if (!top.Executed)
                {
                    ExecuteTop(top, state);
                }
                else if (top.RanEarly)
                {
                    RepeatTop(top, state);
                }
            }
        }
        finally
        {
            (_env, _statementSpan) = saved;
        }

        state.Status = PackageStatus.Done;
    }

    private void ExecuteTop(TopStatement top, PackageState state)
    {
        top.Executed = true;
        var saved = (_env, _statementSpan);
        _env = new Env(state, top.Module, null, null);
        try
        {
            ExecuteStatement(top.Statement);
        }
        finally
        {
            (_env, _statementSpan) = saved;
        }
    }

    /// <summary>
    /// kcl computes a global read before its definition by running the defining statements early, and
    /// still runs them again when the main pass reaches them: their effects (schema instances, prints)
    /// happen twice, while reads keep the values computed first.
    /// </summary>
    private void RepeatTop(TopStatement top, PackageState state)
    {
        top.RanEarly = false;
        var kept = AssignedNames(top.Statement).Distinct()
            .Select(name => (Variable: state.Globals[name], Value: state.Globals[name].Value))
            .ToList();
        ExecuteTop(top, state);
        foreach (var (variable, value) in kept)
        {
            variable.Value = value;
        }
    }

    /// <summary>Reads a global, first running the statements that assign it and have not run yet.</summary>
    internal bool TryGetGlobal(PackageState state, string name, out KclValue value)
    {
        if (!state.Globals.TryGetValue(name, out var variable))
        {
            value = null!;
            return false;
        }

        // Setters are only added before evaluation starts, so an index loop needs no defensive copy.
        var setters = variable.Setters;
        for (var i = 0; i < setters.Count; i++)
        {
            if (!setters[i].Executed)
            {
                setters[i].RanEarly = state.Status == PackageStatus.Running;
                ExecuteTop(setters[i], state);
            }
        }

        value = variable.Value ?? UndefinedValue.Instance;
        return variable.Value is not null || variable.Setters.Count > 0;
    }

    internal static IEnumerable<string> AssignedNames(Statement statement)
    {
        switch (statement)
        {
            case AssignStatement assign:
                foreach (var target in assign.Targets)
                {
                    if (RootName(target) is { } name)
                    {
                        yield return name;
                    }
                }

                break;
            case AugmentedAssignStatement augmented:
                if (RootName(augmented.Target) is { } augmentedName)
                {
                    yield return augmentedName;
                }

                break;
            case UnificationStatement unification:
                yield return unification.Target.Name;
                break;
            case SchemaAttribute attribute:
                yield return attribute.Name.Name;
                break;
            case IfStatement ifStatement:
                foreach (var inner in ifStatement.Body.Concat(ifStatement.Else))
                {
                    foreach (var name in AssignedNames(inner))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }

    internal static string? RootName(Expression target) => target switch
    {
        NameExpression name => name.Name,
        SelectorExpression selector => RootName(selector.Value),
        IndexExpression index => RootName(index.Value),
        _ => null,
    };

    private KclValue LookupName(string name, TextSpan span)
    {
        if (_env.Locals is not null && _env.Locals.TryGet(name, out var local, out var isConfigEntry))
        {
            // In a schema body a config key written earlier does not hide the schema's attribute of that
            // name (`attr: "x"` then `other: attr` inside `S {…}` in a schema reads the attribute).
            if (isConfigEntry && _env.Schema is not null && !_env.InLambda && TryGetAttribute(_env.Schema, name, out var shadowed))
            {
                return shadowed;
            }

            return local;
        }

        if (_env.Schema is not null && TryGetAttribute(_env.Schema, name, out var attribute))
        {
            return attribute;
        }

        if (_env.Package.Imports.TryGetValue(_env.Module, out var imports) && imports.TryGetValue(name, out var module))
        {
            return module;
        }

        if (TryGetGlobal(_env.Package, name, out var global))
        {
            return global;
        }

        if (Builtins.TryGet(name, out var builtin))
        {
            return builtin;
        }

        // Inside a schema a name is looked up in the instance last, and an attribute nobody set reads as
        // Undefined: names the checker lets through there (defaults such as `enabled?: bool = false`,
        // which older KCL accepted) leave the attribute unset instead of failing the run.
        if (_env.Schema is not null)
        {
            return UndefinedValue.Instance;
        }

        throw new EvaluationException(EvaluationDiagnostics.NotDefined(span, name));
    }

    private void CheckCancellation()
    {
        if (_settings.Cancellation.IsCancellationRequested)
        {
            throw Error(EvaluationDiagnostics.TimedOut);
        }
    }

    /// <summary>A runtime error at the line of the statement being evaluated.</summary>
    internal EvaluationException Error(string message) =>
        new(EvaluationDiagnostics.Runtime(_currentSpan ?? _statementSpan, message));

    internal EvaluationException Error(Diagnostic diagnostic) => new(diagnostic);

    private T WithEnv<T>(Env env, Func<T> action)
    {
        var saved = (_env, _statementSpan);
        _env = env;
        try
        {
            return action();
        }
        finally
        {
            (_env, _statementSpan) = saved;
        }
    }

    /// <summary>
    /// The value without private schema attributes. A value shared in many places (<c>[x] * 1000000</c>) is
    /// copied once and stays shared: copying it at every place multiplies memory by the number of places.
    /// </summary>
    private static KclValue RemoveHidden(KclValue value, Dictionary<KclValue, KclValue> copies)
    {
        StackGuard.Ensure();
        if (value is not (DictValue or ListValue))
        {
            return value;
        }

        if (copies.TryGetValue(value, out var done))
        {
            return done;
        }

        KclValue result;
        switch (value)
        {
            case SchemaValue schema:
                {
                    var copy = new SchemaValue(schema.Name, schema.PackagePath, schema.Schema);
                    copy.ConfigKeys.UnionWith(schema.ConfigKeys);
                    foreach (var (key, item) in schema.Entries)
                    {
                        if (!key.StartsWith('_'))
                        {
                            copy.Set(key, RemoveHidden(item, copies));
                        }
                    }

                    result = copy;
                    break;
                }

            case DictValue dict:
                {
                    var copy = new DictValue();
                    foreach (var (key, item) in dict.Entries)
                    {
                        copy.Set(key, RemoveHidden(item, copies));
                    }

                    result = copy;
                    break;
                }

            default:
                result = new ListValue(((ListValue)value).Items.Select(item => RemoveHidden(item, copies)));
                break;
        }

        copies[value] = result;
        return result;
    }
}
