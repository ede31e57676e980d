using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private void ExecuteSchemaAttribute(SchemaAttribute attribute)
    {
        var frame = _env.Schema ?? throw Error("schema attribute outside of a schema");
        var name = attribute.Name.Name;
        if (frame.Config.TryGetValue(name, out var configValue))
        {
            if (!configValue.IsNoneOrUndefined)
            {
                CheckDeprecated(name, attribute.Decorators, frame.InstanceSpan);
            }

            var operation = frame.Config.GetOperation(name);
            var index = frame.Config.GetInsertIndex(name);
            if (!(operation == ConfigOperation.Override && index < 0))
            {
                SetAttributeDefault(frame, attribute);
            }

            var current = frame.Value[name] ?? UndefinedValue.Instance;
            frame.Value.Set(name, Combine(current, configValue, operation, index));
            ShareInPlaceMerge(frame, name, current, configValue, operation, index);
        }
        else
        {
            SetAttributeDefault(frame, attribute);
        }

        var value = frame.Value[name]!;
        if (!value.IsNoneOrUndefined)
        {
            frame.Value.Set(name, CheckType(value, attribute.Type, _env));
        }
    }

    /// <summary>
    /// kcl merges a config into an attribute's value in place, so other attributes of the instance that
    /// hold the same object see the merged entries too (<c>values = …</c> then <c>v: T = values</c>
    /// configured with <c>v.x = 1</c> changes both). Values here are not mutated: those attributes get
    /// the merged copy instead.
    /// </summary>
    private void ShareInPlaceMerge(SchemaFrame frame, string name, KclValue before, KclValue configValue, ConfigOperation operation, int index)
    {
        if (operation != ConfigOperation.Union || index >= 0 || before is not DictValue dict || configValue is not DictValue config)
        {
            return;
        }

        var aliases = frame.Value.Entries.Where(e => e.Key != name && ReferenceEquals(e.Value, before)).Select(e => e.Key).ToList();
        if (aliases.Count == 0)
        {
            return;
        }

        var merged = dict.ShallowCopy();
        foreach (var (key, item) in config.Entries)
        {
            InsertEntry(merged, key, item, config.GetOperation(key), config.GetInsertIndex(key));
        }

        foreach (var alias in aliases)
        {
            frame.Value.Set(alias, merged);
        }
    }

    /// <summary>
    /// The default of a (re)declared attribute: a redeclaration without default keeps what a parent
    /// set; a config default merges into a parent's config default; a literal type is its own default.
    /// </summary>
    private void SetAttributeDefault(SchemaFrame frame, SchemaAttribute attribute)
    {
        var name = attribute.Name.Name;
        var existing = frame.Value[name];
        KclValue value;
        if (attribute.Value is not null)
        {
            value = Evaluate(attribute.Value);
        }
        else if (attribute.Type is LiteralType literal)
        {
            value = LiteralValue(literal);
        }
        else
        {
            value = UndefinedValue.Instance;
        }

        if (attribute.Operation == ConfigOperation.Union)
        {
            // `attr: T |= value` unions with what a parent set.
            frame.Value.Set(name, BitOr(existing ?? UndefinedValue.Instance, value));
            return;
        }

        if (existing is not null && !existing.IsNoneOrUndefined)
        {
            if (value.IsNoneOrUndefined && attribute.Value is null)
            {
                return;
            }

            if (existing is DictValue && value is DictValue)
            {
                value = UnionValues(existing, value);
            }
        }

        frame.Value.Set(name, value);
    }

    private static KclValue LiteralValue(LiteralType literal) => literal.Value switch
    {
        string s => new StringValue(s),
        bool b => BoolValue.Of(b),
        long l when literal.Suffix is { Length: > 0 } suffix => new FloatValue(l * Numbers.Multiplier(suffix)),
        long l => new IntValue(l),
        double d => new FloatValue(d),
        _ => NoneValue.Instance,
    };

    /// <summary>An assignment to an attribute in a schema body: the config still wins.</summary>
    private void SetAttribute(SchemaFrame frame, string name, KclValue value)
    {
        frame.Value.Set(name, value);
        if (frame.Config.TryGetValue(name, out var configValue))
        {
            frame.Value.Set(name, Combine(value, configValue, frame.Config.GetOperation(name), frame.Config.GetInsertIndex(name)));
            ShareInPlaceMerge(frame, name, value, configValue, frame.Config.GetOperation(name), frame.Config.GetInsertIndex(name));
        }

        if (frame.Type.Attributes.TryGetValue(name, out var info) && frame.Value[name] is { IsNoneOrUndefined: false } current)
        {
            frame.Value.Set(name, CheckType(current, info.Type, new Env(info.Owner.Package, info.Owner.Module, null, null)));
        }
    }

    /// <summary>Reads an attribute of the instance being built, running its pending setters first.</summary>
    private bool TryGetAttribute(SchemaFrame frame, string name, out KclValue value)
    {
        if (frame.Setters.TryGetValue(name, out var setters) && !frame.CurrentTargets.Contains(name))
        {
            foreach (var setter in setters)
            {
                if (frame.Executed.Add((setter.Level.Env, setter.Statement)))
                {
                    WithEnv(setter.Level.Env, () => ExecuteStatement(setter.Statement));
                }
            }

            value = frame.Value[name] ?? UndefinedValue.Instance;
            return true;
        }

        if (frame.Value.TryGetValue(name, out value!))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Non-optional attributes must end up set, recursively through nested instances, lists and dicts. An
    /// instance a schema body made and that sits in a list or dict is left alone: older KCL checked nested
    /// instances only through schema-typed attributes, and models in the wild rely on that (a None in a
    /// required attribute of an item built by a backend schema).
    /// </summary>
    private void CheckRequired(KclValue value, bool inContainer = false)
    {
        StackGuard.Ensure();
        switch (value)
        {
            case SchemaValue { Schema: SchemaType { IsRule: false } type } schema:
                if (inContainer && schema.MadeInSchemaBody)
                {
                    break;
                }

                foreach (var (name, info) in type.Attributes)
                {
                    var attribute = schema[name];
                    if (!info.IsOptional && (attribute is null || attribute.IsNoneOrUndefined))
                    {
                        throw new EvaluationException(EvaluationDiagnostics.Runtime(schema.Origin ?? _statementSpan, EvaluationDiagnostics.Required(name, type.Name)));
                    }
                }

                foreach (var (_, item) in schema.Entries)
                {
                    CheckRequired(item, inContainer || item is not SchemaValue);
                }

                break;
            case SchemaValue:
                break;
            case DictValue dict:
                foreach (var (_, item) in dict.Entries)
                {
                    CheckRequired(item, inContainer: true);
                }

                break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    CheckRequired(item, inContainer: true);
                }

                break;
        }
    }

    private void CheckDeprecated(string name, IEnumerable<Decorator> decorators, TextSpan? span)
    {
        foreach (var decorator in decorators)
        {
            if (decorator.Name.Name != "deprecated")
            {
                continue;
            }

            string version = "", reason = "";
            var strict = true;
            foreach (var keyword in decorator.Keywords)
            {
                var value = Evaluate(keyword.Value);
                switch (keyword.Name.Name)
                {
                    case "version":
                        version = ValueOps.Str(value);
                        break;
                    case "reason":
                        reason = ValueOps.Str(value);
                        break;
                    case "strict":
                        strict = value.IsTruthy;
                        break;
                }
            }

            if (!strict)
            {
                continue;
            }

            var detail = version.Length > 0 ? $"since version {version}" : string.Empty;
            if (reason.Length > 0)
            {
                detail += detail.Length > 0 ? $", {reason}" : reason;
            }

            throw new EvaluationException(EvaluationDiagnostics.Runtime(span ?? _statementSpan, $"{name} was deprecated {detail}"));
        }
    }
}
