using System.Globalization;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Checks a value against a declared type, converting where KCL does (int → float, dict → schema).
    /// What the checker can see is reported before running; what is left fails here, as the reference's
    /// run-time check does, at the line evaluated last.
    /// </summary>
    /// <param name="strictConfigs">Schema arguments and index signature values: see <see cref="SetsEveryRequiredWithoutDefault"/>.</param>
    internal KclValue CheckType(KclValue value, TypeNode type, Env env, bool strictConfigs = false)
    {
        if (TryConvert(value, type, env, allowConversion: false, out var exact))
        {
            return exact;
        }

        var saved = _strictConfigs;
        _strictConfigs = strictConfigs;
        try
        {
            if (TryConvert(value, type, env, allowConversion: true, out var converted))
            {
                return converted;
            }
        }
        finally
        {
            _strictConfigs = saved;
        }

        throw Error(MismatchMessage(value, type, env));
    }

    private string MismatchMessage(KclValue value, TypeNode type, Env env)
    {
        var message = $"expect {TypeText(type)}, got {ValueTypeText(value)}";
        if (value is DictValue config && type is NamedType named && ResolveTypeName(named, env) is SchemaType { IsRule: false } schema
            && MismatchDetails(schema, config) is { Count: > 0 } details)
        {
            message += ". For details:\n" + string.Join("\n", details);
        }

        return message;
    }

    /// <summary>
    /// Why a config or instance is not a <paramref name="schema"/>, the way the reference explains it: by
    /// keys, its own keys the schema does not declare, then the schema's required attributes it lacks.
    /// </summary>
    private List<string> MismatchDetails(SchemaType schema, DictValue value)
    {
        EnsureResolved(schema);
        var details = new List<string>();
        if (schema.IndexSignature is null)
        {
            details.AddRange(value.Keys.Where(key => !schema.Attributes.ContainsKey(key)).Select(key => $"Schema {schema.Name} does not contain attribute {key}"));
        }

        details.AddRange(schema.Attributes.Values.Where(a => !a.IsOptional && !value.ContainsKey(a.Name)).Select(a => $"Schema {schema.Name}'s attribute {a.Name} is missing"));
        return details;
    }

    /// <summary>
    /// <c>value as T</c>: like a declared type, except that a schema instance cast to a schema type must
    /// really be one (or a subtype), which ordinary checks leave to the checker.
    /// </summary>
    private KclValue CastAs(KclValue value, TypeNode type)
    {
        if (value is SchemaValue { Schema: SchemaType actual } && type is NamedType named
            && ResolveTypeName(named, _env) is SchemaType expected && !IsInstanceOf(actual, expected))
        {
            throw Error(MismatchMessage(value, type, _env));
        }

        return CheckType(value, type, _env);
    }

    private static bool IsInstanceOf(SchemaType actual, SchemaType expected) =>
        actual.IsSubtypeOf(expected) || (expected.IsProtocol && actual.Name == expected.Name);

    private bool TryConvert(KclValue value, TypeNode type, Env env, bool allowConversion, out KclValue result)
    {
        result = value;
        if (value.IsNoneOrUndefined)
        {
            return true;
        }

        switch (type)
        {
            case NamedType named:
                return TryConvertNamed(value, named, env, allowConversion, out result);
            case ListType list:
                {
                    if (value is not ListValue items)
                    {
                        return false;
                    }

                    if (list.Element is null)
                    {
                        return true;
                    }

                    List<KclValue>? copy = null;
                    for (var i = 0; i < items.Items.Count; i++)
                    {
                        if (!TryConvert(items.Items[i], list.Element, env, allowConversion, out var item))
                        {
                            return false;
                        }

                        if (!ReferenceEquals(item, items.Items[i]))
                        {
                            copy ??= [.. items.Items];
                            copy[i] = item;
                        }
                    }

                    result = copy is null ? value : new ListValue(copy);
                    return true;
                }

            case DictType dict:
                {
                    if (value is not DictValue entries)
                    {
                        return false;
                    }

                    if (dict.Value is null && dict.Key is null)
                    {
                        return true;
                    }

                    DictValue? copy = null;
                    foreach (var (key, item) in entries.Entries)
                    {
                        if (dict.Key is not null && !TryConvert(new StringValue(key), dict.Key, env, false, out _) && !KeyTypeAcceptsString(dict.Key))
                        {
                            return false;
                        }

                        if (dict.Value is null)
                        {
                            continue;
                        }

                        if (!TryConvert(item, dict.Value, env, allowConversion, out var converted))
                        {
                            return false;
                        }

                        if (!ReferenceEquals(converted, item))
                        {
                            copy ??= entries.ShallowCopy();
                            copy.Set(key, converted);
                        }
                    }

                    result = copy ?? value;
                    return true;
                }

            case UnionType union:
                foreach (var member in union.Types)
                {
                    if (TryConvert(value, member, env, false, out result))
                    {
                        return true;
                    }
                }

                if (allowConversion)
                {
                    // A config becomes the first schema of the union it fits, else the first that accepts it.
                    foreach (var member in union.Types)
                    {
                        if (member is NamedType named && value is DictValue && TryConvertNamed(value, named, env, true, out result, requireFit: true))
                        {
                            return true;
                        }
                    }

                    foreach (var member in union.Types)
                    {
                        if (TryConvert(value, member, env, true, out result))
                        {
                            return true;
                        }
                    }
                }

                result = value;
                return false;
            case LiteralType literal:
                return literal.Value switch
                {
                    null => value is NoneValue,
                    string s => value is StringValue sv && sv.Value == s,
                    bool b => value is BoolValue bv && bv.Value == b,
                    long l when literal.Suffix is { Length: > 0 } suffix => (value is NumberMultiplierValue nv && nv.Raw == l && nv.Suffix == suffix)
                        || (value is FloatValue sf && sf.Value == l * Numbers.Multiplier(suffix)),
                    long l => value is IntValue iv && iv.Value == l,
                    double d => value is FloatValue fv && fv.Value == d,
                    _ => false,
                };
            case FunctionType:
                return value is FunctionValue;
            default:
                return true;
        }
    }

    private static bool KeyTypeAcceptsString(TypeNode key) => key is NamedType { FullName: "str" or "any" };

    /// <summary>Whether a config's keys are all attributes of the schema (or allowed by its index signature).</summary>
    private bool Fits(SchemaType schema, DictValue config)
    {
        EnsureResolved(schema);
        if (schema.IndexSignature is not null)
        {
            return true;
        }

        return config.Keys.All(key => schema.Attributes.ContainsKey(key) || key.StartsWith('_'));
    }

    /// <summary>Whether configs converted now must pass <see cref="SetsEveryRequiredWithoutDefault"/>.</summary>
    private bool _strictConfigs;

    /// <summary>The aliases being expanded, each with the value it is checking.</summary>
    private readonly HashSet<(TypeAliasValue, KclValue)> _expandingAliases = new(IdentityPairs.Instance);

    /// <summary>
    /// For a schema's arguments and index signature values, a config becomes a schema only when it sets
    /// every required attribute that has no default; otherwise it stays a config and fails the type check
    /// ("expect S, got dict. For details: ..."), which is how the reference reports it. Elsewhere (assignments,
    /// attributes) the instance is made and the missing attribute is reported as required.
    /// </summary>
    private bool SetsEveryRequiredWithoutDefault(SchemaType schema, DictValue config)
    {
        EnsureResolved(schema);
        return schema.Attributes.Values.All(a => a.IsOptional || config.ContainsKey(a.Name) || a.Node is SchemaAttribute { Value: not null });
    }

    private bool TryConvertNamed(KclValue value, NamedType named, Env env, bool allowConversion, out KclValue result, bool requireFit = false)
    {
        result = value;
        switch (named.FullName)
        {
            case "any":
                return true;
            case "int":
                return value is IntValue || (value is NumberMultiplierValue && allowConversion);
            case "float":
                if (value is FloatValue)
                {
                    return true;
                }

                if (allowConversion && value is IntValue i)
                {
                    result = new FloatValue(i.Value);
                    return true;
                }

                if (allowConversion && value is NumberMultiplierValue n)
                {
                    result = new FloatValue(n.Value);
                    return true;
                }

                return false;
            case "str":
                return value is StringValue;
            case "bool":
                return value is BoolValue;
            case "None" or "NoneType":
                return value is NoneValue;
            case "units.NumberMultiplier" or "NumberMultiplier":
                return value is NumberMultiplierValue;
        }

        var resolved = ResolveTypeName(named, env);
        switch (resolved)
        {
            case SchemaType schema:
                if (value is SchemaValue)
                {
                    // Like the reference's run-time check: any schema instance passes a schema type; which
                    // schema is the checker's business (a module imported both as a folder and as a file
                    // declares its schemas twice, and instances of either copy must pass).
                    return true;
                }

                if (value is DictValue config && allowConversion && (!requireFit || Fits(schema, config)))
                {
                    if (_strictConfigs && !SetsEveryRequiredWithoutDefault(schema, config))
                    {
                        // The reference runs the schema body before giving up, so its error points at the body's end.
                        _currentSpan = schema.Node?.Body.LastOrDefault()?.Span ?? _currentSpan;
                        return false;
                    }

                    result = Instantiate(schema, config, [], [], null, null);
                    return true;
                }

                return false;
            case TypeAliasValue alias:
                // `type A = B` with `type B = A` would expand forever for the same value: stop with KCL's
                // recursion error. Aliases that recurse through a list or dict (`type T = [T]`) move on to
                // the items, so they end with the value.
                if (!_expandingAliases.Add((alias, value)))
                {
                    throw Error(EvaluationDiagnostics.RecursionLimit);
                }

                try
                {
                    return TryConvert(value, alias.Type, alias.Env, allowConversion, out result);
                }
                finally
                {
                    _expandingAliases.Remove((alias, value));
                }
            default:
                return true;
        }
    }

    private KclValue? ResolveTypeName(NamedType named, Env env)
    {
        return WithEnv(env with { Locals = null, Schema = null }, () =>
        {
            KclValue? current = null;
            for (var i = 0; i < named.Names.Length; i++)
            {
                var part = named.Names[i];
                if (i == 0)
                {
                    if (_env.Package.Imports.TryGetValue(_env.Module, out var imports) && imports.TryGetValue(part, out var module))
                    {
                        current = module;
                    }
                    else if (TryGetGlobal(_env.Package, part, out var global))
                    {
                        current = global;
                    }
                    else
                    {
                        return null;
                    }
                }
                else
                {
                    current = current is ModuleValue m ? GetModuleMember(m, part, new NameExpression(named.Span, part)) : null;
                }
            }

            return current;
        });
    }

    internal static string TypeText(TypeNode type) => type switch
    {
        NamedType named => named.FullName,
        ListType list => list.Element is null ? "[]" : $"[{TypeText(list.Element)}]",
        DictType dict => $"{{{(dict.Key is null ? "" : TypeText(dict.Key))}:{(dict.Value is null ? "" : TypeText(dict.Value))}}}",
        UnionType union => string.Join(" | ", union.Types.Select(TypeText)),
        LiteralType literal => literal.Value switch
        {
            null => "None",
            string s => $"\"{s}\"",
            bool b => b ? "True" : "False",
            double d => ValueOps.FormatFloat(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + literal.Suffix,
            _ => literal.Value.ToString() ?? "",
        },
        FunctionType function => $"({string.Join(", ", function.Parameters.Select(TypeText))}) -> {(function.Return is null ? "any" : TypeText(function.Return))}",
        _ => type.Span.Text,
    };

    private const string ProgramMain = "__main__";

    internal static string ValueTypeText(KclValue value) => value switch
    {
        // Like the reference's type_str: a schema of another package than the main one is qualified.
        SchemaValue schema when schema.PackagePath is { Length: > 0 } path && path != ProgramMain => $"{path}.{schema.Name}",
        SchemaValue schema => schema.Name,
        ListValue => "list",
        DictValue => "dict",
        _ => value.TypeName,
    };
}
