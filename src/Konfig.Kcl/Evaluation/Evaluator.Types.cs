using System.Globalization;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Checks a value against a declared type, converting where KCL does (int → float, dict → schema).</summary>
    internal KclValue CheckType(KclValue value, TypeNode type, Env env, TextSpan span, bool staticStyle = false, TextSpan? declared = null, bool literal = true)
    {
        if (TryConvert(value, type, env, allowConversion: false, out var exact))
        {
            return exact;
        }

        if (TryConvert(value, type, env, allowConversion: true, out var converted))
        {
            return converted;
        }

        if (!staticStyle)
        {
            throw Error($"expect {TypeText(type)}, got {ValueTypeText(value)}");
        }

        // KCL's type checker reports literal mismatches before running, with literal types: int(1), str(a).
        var expected = StaticTypeText(ExpandAliases(type, env));
        var got = literal ? StaticValueType(value) : PlainValueType(value);
        var diagnostic = EvaluationDiagnostics.Type(span, $"expected {expected}, got {got}");
        if (declared is { } declaration)
        {
            diagnostic = diagnostic.WithLabel(Diagnostics.DiagnosticLocation.At(declaration), $"variable is defined here, its type is {expected}, but got {got}");
        }

        throw new EvaluationException(diagnostic);
    }

    private KclValue CastAs(KclValue value, TypeNode type) => CheckType(value, type, _env, type.Span);

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
                if (value is SchemaValue instance && instance.Schema is SchemaType actual)
                {
                    return actual.IsSubtypeOf(schema) || (schema.IsProtocol && actual.Name == schema.Name);
                }

                if (value is DictValue config && allowConversion && (!requireFit || Fits(schema, config)))
                {
                    result = Instantiate(schema, config, [], [], null, null);
                    return true;
                }

                return false;
            case TypeAliasValue alias:
                return TryConvert(value, alias.Type, alias.Env, allowConversion, out result);
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

    /// <summary>Replaces type alias names by what they stand for, as KCL's messages show them.</summary>
    private TypeNode ExpandAliases(TypeNode type, Env env, int depth = 0)
    {
        if (depth > 16)
        {
            return type;
        }

        switch (type)
        {
            case NamedType named when named.FullName is not ("any" or "int" or "float" or "str" or "bool" or "None"):
                return ResolveTypeName(named, env) is TypeAliasValue alias ? ExpandAliases(alias.Type, alias.Env, depth + 1) : type;
            case ListType { Element: { } element } list:
                return list with { Element = ExpandAliases(element, env, depth + 1) };
            case DictType dict:
                return dict with
                {
                    Key = dict.Key is null ? null : ExpandAliases(dict.Key, env, depth + 1),
                    Value = dict.Value is null ? null : ExpandAliases(dict.Value, env, depth + 1),
                };
            case UnionType union:
                return union with { Types = [.. union.Types.Select(t => ExpandAliases(t, env, depth + 1))] };
            default:
                return type;
        }
    }

    internal static string StaticTypeText(TypeNode type) => type switch
    {
        ListType list => list.Element is null ? "[any]" : $"[{StaticTypeText(list.Element)}]",
        DictType dict => $"{{{(dict.Key is null ? "any" : StaticTypeText(dict.Key))}:{(dict.Value is null ? "any" : StaticTypeText(dict.Value))}}}",
        UnionType union => string.Join(" | ", union.Types.Select(StaticTypeText)),
        LiteralType literal => literal.Value switch
        {
            null => "None",
            string s => $"str({s})",
            bool b => b ? "bool(True)" : "bool(False)",
            long l when literal.Suffix is { Length: > 0 } suffix => $"number_multiplier({l}{suffix})",
            long l => $"int({l})",
            double d => $"float({StaticFloat(d)})",
            _ => TypeText(type),
        },
        _ => TypeText(type),
    };

    private static string StaticFloat(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The literal type KCL's checker gives a value: <c>int(1)</c>, <c>[int(1) | str(2)]</c>, <c>{str(a):int(1)}</c>.</summary>
    internal static string StaticValueType(KclValue value)
    {
        StackGuard.Ensure();
        static string Union(IEnumerable<string> parts)
        {
            var distinct = parts.Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count == 0 ? "any" : string.Join(" | ", distinct);
        }

        return value switch
        {
            IntValue i => $"int({i.Value})",
            FloatValue f => $"float({StaticFloat(f.Value)})",
            StringValue s => $"str({s.Value})",
            BoolValue b => b.Value ? "bool(True)" : "bool(False)",
            NumberMultiplierValue n => $"number_multiplier({n})",
            SchemaValue schema => schema.Name,
            ListValue list => $"[{Union(list.Items.Select(StaticValueType))}]",
            DictValue dict => $"{{{Union(dict.Keys.Select(k => $"str({k})"))}:{Union(dict.Entries.Select(e => StaticValueType(e.Value)))}}}",
            _ => value.TypeName,
        };
    }

    /// <summary>The type KCL's checker infers for a non-literal value: <c>int</c>, <c>[str]</c>, <c>{str:int}</c>.</summary>
    internal static string PlainValueType(KclValue value)
    {
        StackGuard.Ensure();
        static string Union(IEnumerable<string> parts)
        {
            var distinct = parts.Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count == 0 ? "any" : string.Join(" | ", distinct);
        }

        return value switch
        {
            SchemaValue schema => schema.Name,
            ListValue list => $"[{Union(list.Items.Select(PlainValueType))}]",
            DictValue dict => $"{{str:{Union(dict.Entries.Select(e => PlainValueType(e.Value)))}}}",
            _ => value.TypeName,
        };
    }

    internal static string ValueTypeText(KclValue value) => value switch
    {
        SchemaValue schema => schema.Name,
        ListValue => "list",
        DictValue => "dict",
        _ => value.TypeName,
    };
}
