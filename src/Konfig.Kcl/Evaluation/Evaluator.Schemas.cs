using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private KclValue EvaluateSchemaExpression(SchemaExpression expression)
    {
        var pending = _pendingMergedConfig;
        _pendingMergedConfig = null;
        var typeValue = ResolveAlias(Evaluate(expression.Name));
        var keySpans = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        KclValue result;
        _schemaExpressionDepth++;
        try
        {
            DictValue config;
            if (pending is { } merged)
            {
                config = merged.Config;
                keySpans = merged.KeySpans;
            }
            else
            {
                config = EvaluateConfig(expression.Config, keySpans);
            }

            var arguments = expression.Arguments.Select(Evaluate).ToList();
            var keywords = expression.Keywords.Select(k => new KeyValuePair<string, KclValue>(k.Name.Name, Evaluate(k.Value))).ToList();
            _pendingCallSite = new CallSite(expression.Span, [.. expression.Arguments.Select(a => a.Span)], [.. expression.Keywords.Select(k => (k.Name.Name, k.Span))]);
            result = typeValue switch
            {
                SchemaType type => Instantiate(type, config, arguments, keywords, expression.Span, keySpans),
                DictValue instance => UnionValues(instance, config, expression.Span),
                _ => throw Error($"'{typeValue.TypeName}' object is not callable"),
            };
        }
        finally
        {
            _schemaExpressionDepth--;
            _pendingCallSite = null;
        }

        if (_schemaExpressionDepth == 0 && _schemaDepth == 0 && result is SchemaValue schema)
        {
            CheckRequired(schema);
        }

        return result;
    }

    /// <summary>A type alias of a schema stands for the schema (<c>type A = pkg.Person</c>; <c>A {…}</c>).</summary>
    private KclValue ResolveAlias(KclValue value)
    {
        for (var i = 0; i < 16 && value is TypeAliasValue { Type: NamedType named } alias; i++)
        {
            value = ResolveTypeName(named, alias.Env) ?? value;
        }

        return value;
    }

    /// <summary>Builds an instance of <paramref name="type"/> from a config: runs parent, own and mixin bodies, then the checks.</summary>
    internal KclValue Instantiate(SchemaType type, DictValue config, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, TextSpan? span, Dictionary<string, TextSpan>? keySpans, TextSpan? origin = null)
    {
        var site = TakeCallSite();

        // An instance made without a site of its own (a dict converted to a schema, a merge) belongs to the
        // line being evaluated when it was made, as the reference's config meta does.
        var current = _currentSpan ?? _statementSpan;
        origin ??= span ?? current;
        var madeAt = span ?? (current is { } line ? LineStart(line) : null);
        EnsureResolved(type);
        CheckCancellation();
        if (++_callDepth > MaxCallDepth)
        {
            _callDepth = 0;
            throw Error(EvaluationDiagnostics.RecursionLimit);
        }

        try
        {
            return type.IsRule ? InstantiateRule(type, config, arguments, keywords, span, site) : InstantiateSchema(type, config, arguments, keywords, span, origin, madeAt, keySpans, site);
        }
        finally
        {
            if (_callDepth > 0)
            {
                _callDepth--;
            }
        }
    }

    private KclValue InstantiateSchema(SchemaType type, DictValue config, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, TextSpan? span, TextSpan? origin, TextSpan? madeAt, Dictionary<string, TextSpan>? keySpans, CallSite? site)
    {
        foreach (var ancestor in type.InheritanceChain)
        {
            CheckDeprecated(ancestor.Name, ancestor.Decorators, span);
        }

        var value = new SchemaValue(type.Name, type.Package.Path, type) { Origin = origin, MadeInSchemaBody = _schemaDepth > 0 };
        var frame = new SchemaFrame(type, value, config) { InstanceSpan = span, MadeAt = madeAt };
        if (KeyInfo(config) is { } keyInfo)
        {
            foreach (var (key, keySpan) in keyInfo.Spans)
            {
                frame.ConfigKeySpans[key] = keySpan;
            }
        }

        if (keySpans is not null)
        {
            foreach (var (key, keySpan) in keySpans)
            {
                frame.ConfigKeySpans[key] = keySpan;
            }
        }

        var levels = new List<SchemaLevel>();
        foreach (var level in type.InheritanceChain)
        {
            levels.Add(CreateLevel(level, frame, arguments, keywords, ReferenceEquals(level, type) ? site : null));
            foreach (var mixin in level.Mixins)
            {
                levels.Add(CreateLevel(mixin, frame, [], [], null));
            }
        }

        foreach (var level in levels)
        {
            foreach (var statement in level.Type.Node!.Body)
            {
                foreach (var name in AssignedNames(statement))
                {
                    frame.AddSetter(name, new AttributeSetter(level, statement));
                    if (!value.ContainsKey(name))
                    {
                        value.Set(name, UndefinedValue.Instance);
                    }
                }
            }
        }

        _schemaDepth++;
        try
        {
            foreach (var level in levels)
            {
                WithEnv(level.Env, () => ExecuteBlock(level.Type.Node!.Body));
            }

            var relaxedKeys = AddRelaxedAttributes(frame, levels);
            if (_schemaDepth == 1 && _schemaExpressionDepth <= 1)
            {
                CheckRequired(value);
            }

            RunChecks(frame, levels, relaxedKeys);
        }
        finally
        {
            _schemaDepth--;
        }

        value.ConfigKeys.UnionWith(config.Keys);
        foreach (var key in config.Keys)
        {
            value.SetOperation(key, config.GetOperation(key));
            value.SetInsertIndex(key, config.GetInsertIndex(key));
        }

        value.Arguments = arguments;
        value.Keywords = keywords;
        if (!_instances.TryGetValue(type, out var list))
        {
            list = [];
            _instances[type] = list;
        }

        list.Add(value);
        return value;
    }

    private SchemaLevel CreateLevel(SchemaType type, SchemaFrame frame, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, CallSite? site)
    {
        var scope = new Scope(null);
        var env = new Env(type.Package, type.Module, scope, frame);
        var parameters = type.Parameters.ToList();
        if (parameters.Count > 0 || arguments.Count > 0)
        {
            WithEnv(env, () =>
            {
                if (site is not null || ReferenceEquals(type, frame.Type))
                {
                    BindArguments(parameters, arguments, keywords, scope, type.Name, site ?? new CallSite(frame.InstanceSpan ?? _statementSpan ?? default, [], []),
                        requireArguments: site is not null || frame.InstanceSpan is not null, strictConfigs: true);
                }
                else
                {
                    BindArguments(parameters, arguments.Take(parameters.Count).ToList(), keywords.Where(k => parameters.Any(p => p.Name.Name == k.Key)).ToList(), scope, type.Name, null, strictConfigs: true);
                }

                return UndefinedValue.Instance;
            });
        }

        return new SchemaLevel(type, env);
    }

    /// <summary>Config keys the schema does not declare: allowed by an index signature, else an error.</summary>
    private List<string> AddRelaxedAttributes(SchemaFrame frame, List<SchemaLevel> levels)
    {
        var relaxed = new List<string>();
        var signature = frame.Type.IndexSignature;
        foreach (var (key, configValue) in frame.Config.Entries)
        {
            if (frame.Value.ContainsKey(key))
            {
                continue;
            }

            if (signature is null)
            {
                var unknown = frame.Config.Keys.Where(k => !frame.Value.ContainsKey(k)).Select(k =>
                    EvaluationDiagnostics.CannotAddMember(frame.ConfigKeySpans.TryGetValue(k, out var s) ? s : frame.InstanceSpan ?? _statementSpan ?? default, k, frame.Type.Name));
                throw new EvaluationException([.. unknown]);
            }

            relaxed.Add(key);
            var owner = levels.First(l => ReferenceEquals(l.Type, frame.Type.IndexSignatureOwner));
            if (signature.KeyName is { } keyName)
            {
                owner.Env.Locals!.Declare(keyName.Name, new StringValue(key));
            }

            var defaultValue = signature.Value is null ? UndefinedValue.Instance : WithEnv(owner.Env, () => Evaluate(signature.Value));
            var value = Combine(defaultValue, configValue, frame.Config.GetOperation(key), frame.Config.GetInsertIndex(key));
            if (!value.IsNoneOrUndefined)
            {
                value = CheckType(value, signature.ValueType, owner.Env, strictConfigs: true);
            }

            frame.Value.Set(key, value);
        }

        return relaxed;
    }

    private void RunChecks(SchemaFrame frame, List<SchemaLevel> levels, List<string> relaxedKeys)
    {
        var keyName = frame.Type.IndexSignature?.KeyName?.Name;
        if (keyName is not null && relaxedKeys.Count > 0)
        {
            foreach (var key in relaxedKeys)
            {
                foreach (var level in levels)
                {
                    level.Env.Locals!.Declare(keyName, new StringValue(key));
                }

                RunChecksOnce(frame, levels);
            }

            return;
        }

        RunChecksOnce(frame, levels);
    }

    private void RunChecksOnce(SchemaFrame frame, List<SchemaLevel> levels)
    {
        foreach (var level in levels)
        {
            foreach (var check in level.Type.Checks)
            {
                WithEnv(level.Env, () =>
                {
                    _statementSpan = check.Span;
                    RunCheck(check, frame.MadeAt);
                    return UndefinedValue.Instance;
                });
            }
        }
    }

    /// <summary>The first column of <paramref name="span"/>'s line: the reference knows only the line of a site it did not write.</summary>
    private static TextSpan LineStart(TextSpan span)
    {
        var offset = span.File.GetOffset(span.StartPosition.Line, 1);
        return new TextSpan(span.File, offset, offset);
    }

    private void RunCheck(CheckCondition check, TextSpan? instanceSpan)
    {
        if (check.Condition is not null && !Evaluate(check.Condition).IsTruthy)
        {
            return;
        }

        if (Evaluate(check.Test).IsTruthy)
        {
            return;
        }

        var message = check.Message is null ? null : ValueOps.Str(Evaluate(check.Message));
        var checkSpan = check.Message?.Span ?? check.Test.Span;
        throw new EvaluationException(EvaluationDiagnostics.InstanceCheckFailed(instanceSpan ?? checkSpan, checkSpan, message))
        {
            // The report leads with "Instance check failed"; kcl's runtime stops with the check's own message.
            PanicMessage = message ?? string.Empty,
        };
    }

    private KclValue InstantiateRule(SchemaType type, DictValue config, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, TextSpan? span, CallSite? site)
    {
        var value = new SchemaValue(type.Name, type.Package.Path, type);
        foreach (var (key, item) in config.Entries)
        {
            value.Set(key, item);
        }

        var frame = new SchemaFrame(type, value, config) { InstanceSpan = span };
        var rules = new List<SchemaType>();
        CollectRules(type, rules);
        _schemaDepth++;
        try
        {
            foreach (var rule in rules)
            {
                var level = CreateLevel(rule, frame, arguments, keywords, ReferenceEquals(rule, type) ? site : null);
                foreach (var check in rule.Checks)
                {
                    WithEnv(level.Env, () =>
                    {
                        _statementSpan = check.Span;
                        RunCheck(check, span);
                        return UndefinedValue.Instance;
                    });
                }
            }
        }
        finally
        {
            _schemaDepth--;
        }

        value.ConfigKeys.UnionWith(config.Keys);
        return value;
    }

    private void CollectRules(SchemaType type, List<SchemaType> rules)
    {
        EnsureResolved(type);
        foreach (var parent in type.RuleParents)
        {
            CollectRules(parent, rules);
        }

        rules.Add(type);
    }

    private void EnsureResolved(SchemaType type)
    {
        if (type.IsResolved)
        {
            return;
        }

        var env = new Env(type.Package, type.Module, null, null);
        WithEnv(env, () =>
        {
            SchemaType? parent = null;
            if (type.Node?.Parent is { } parentExpression)
            {
                var parentValue = Evaluate(parentExpression);
                parent = parentValue as SchemaType is { IsMixin: false } schemaParent ? schemaParent
                    : throw new EvaluationException(Diagnostics.Diagnostic.Error("E2D34", "IllegalInheritError", Diagnostics.DiagnosticLocation.At(parentExpression.Span),
                        $"invalid schema inherit object type, expect schema, got '{(parentValue is SchemaType mixin ? mixin.Name : parentValue.TypeName)}'"));
            }

            var mixins = (type.Node?.Mixins ?? []).Select(m => Evaluate(m) as SchemaType ?? throw Error($"illegal schema mixin: {m.Span.Text}")).ToList();
            var ruleParents = (type.RuleNode?.Parents ?? []).Select(p => Evaluate(p) as SchemaType ?? throw Error($"illegal rule inherit: {p.Span.Text}")).ToList();
            type.SetResolved(parent, mixins, ruleParents);
            for (var ancestor = parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ReferenceEquals(ancestor, type))
                {
                    var members = new List<SchemaType> { type };
                    for (var member = parent; member is not null && !ReferenceEquals(member, type); member = member.Parent)
                    {
                        members.Add(member);
                    }

                    members.Sort((a, b) => a.Node!.Span.Start.CompareTo(b.Node!.Span.Start));
                    var names = string.Join(", ", members.Select(m => m.Package.IsMain ? m.Name : $"{m.Package.Path}.{m.Name}"));
                    throw new EvaluationException([.. members.Select(m => EvaluationDiagnostics.Compile(m.Node!.Name.Span, $"There is a circular reference between schemas {names}"))]);
                }

                EnsureResolved(ancestor);
            }

            foreach (var mixin in mixins)
            {
                EnsureResolved(mixin);
            }

            return UndefinedValue.Instance;
        });
    }
}
