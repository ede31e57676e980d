using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private KclValue Evaluate(Expression expression)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(EvaluationDiagnostics.RecursionLimit);
        }

        _currentSpan = expression.Span;
        switch (expression)
        {
            case NameExpression name:
                return LookupName(name.Name, name.Span);
            case NumberLiteral number:
                return EvaluateNumber(number);
            case StringLiteral text:
                return new StringValue(text.Value);
            case ConstantLiteral constant:
                return constant.Kind switch
                {
                    LiteralKind.True => BoolValue.True,
                    LiteralKind.False => BoolValue.False,
                    LiteralKind.None => NoneValue.Instance,
                    _ => UndefinedValue.Instance,
                };
            case JoinedString joined:
                {
                    // string.Concat sizes the result once; a StringBuilder per string literal was the cost here.
                    var parts = new string[joined.Parts.Length];
                    var length = 0L;
                    for (var i = 0; i < parts.Length; i++)
                    {
                        var part = joined.Parts[i];
                        parts[i] = part is StringLiteral literal ? literal.Value : ((StringValue)Evaluate(part)).Value;
                        length += parts[i].Length;
                        ValueLimits.CheckString(length);
                    }

                    return new StringValue(string.Concat(parts));
                }

            case FormattedValue formatted:
                {
                    var value = Evaluate(formatted.Value);
                    return new StringValue(ValueOps.Interpolate(value, formatted.FormatSpec is { Length: > 0 } spec ? spec : null));
                }

            case ParenthesizedExpression parenthesized:
                return Evaluate(parenthesized.Inner);
            case SelectorExpression selector:
                {
                    var value = selector is { IsOptional: false, Value: NameExpression root } && TryQualifiedImport(root.Name, out var module)
                        ? module
                        : Evaluate(selector.Value);
                    if (selector.IsOptional && value.IsNoneOrUndefined)
                    {
                        return NoneValue.Instance;
                    }

                    return GetMember(value, selector.Attribute.Name, selector);
                }

            case IndexExpression index:
                {
                    var value = Evaluate(index.Value);
                    if (index.IsOptional && value.IsNoneOrUndefined)
                    {
                        return NoneValue.Instance;
                    }

                    var position = Evaluate(index.Index);
                    if (index.IsOptional && value is ListValue optionalList && position is IntValue i
                        && (i.Value >= optionalList.Items.Count || i.Value < -optionalList.Items.Count))
                    {
                        return NoneValue.Instance;
                    }

                    return Subscript(value, position);
                }

            case SliceExpression slice:
                {
                    var value = Evaluate(slice.Value);
                    if (slice.IsOptional && value.IsNoneOrUndefined)
                    {
                        return NoneValue.Instance;
                    }

                    return Slice(value, EvaluateOptional(slice.Lower), EvaluateOptional(slice.Upper), EvaluateOptional(slice.Step));
                }

            case CallExpression call:
                return EvaluateCall(call);
            case UnaryExpression unary:
                return Unary(unary.Operator, Evaluate(unary.Operand));
            case BinaryExpression binary:
                return EvaluateBinary(binary);
            case CompareExpression compare:
                return EvaluateCompare(compare);
            case AsExpression asExpression:
                return CastAs(Evaluate(asExpression.Value), asExpression.Type);
            case IfExpression ifExpression:
                return Evaluate(ifExpression.Condition).IsTruthy ? Evaluate(ifExpression.Body) : Evaluate(ifExpression.OrElse);
            case StarredExpression starred:
                return Evaluate(starred.Value);
            case ListExpression list:
                return ListValue.Adopt(EvaluateListItems(list.Items));
            case ListIfItem listIf:
                return EvaluateListIf(listIf);
            case ConfigExpression config:
                return EvaluateConfig(config);
            case ListComprehension comprehension:
                return EvaluateListComprehension(comprehension);
            case DictComprehension comprehension:
                return EvaluateDictComprehension(comprehension);
            case QuantifierExpression quantifier:
                return EvaluateQuantifier(quantifier);
            case LambdaExpression lambda:
                return new LambdaFunction(lambda, _env);
            case SchemaExpression schema:
                return EvaluateSchemaExpression(schema);
            default:
                throw Error("invalid expression");
        }
    }

    private KclValue EvaluateOptional(Expression? expression) => expression is null ? NoneValue.Instance : Evaluate(expression);

    private static KclValue EvaluateNumber(NumberLiteral number)
    {
        if (number.Suffix is { Length: > 0 } suffix)
        {
            var raw = number.IsFloat ? (long)number.FloatValue : number.IntValue;
            return new NumberMultiplierValue(raw * Numbers.Multiplier(suffix), raw, suffix);
        }

        return number.IsFloat ? new FloatValue(number.FloatValue) : IntValue.Of(number.IntValue);
    }

    private List<KclValue> EvaluateListItems(ImmutableArray<Expression> items)
    {
        var result = new List<KclValue>(items.Length);
        foreach (var item in items)
        {
            var value = Evaluate(item);
            if (item is StarredExpression or ListIfItem)
            {
                AppendUnpacked(result, value);
            }
            else
            {
                result.Add(value);
            }
        }

        return result;
    }

    private void AppendUnpacked(List<KclValue> result, KclValue value)
    {
        switch (value)
        {
            case ListValue list:
                result.AddRange(list.Items);
                break;
            case DictValue dict:
                result.AddRange(dict.Keys.Select(key => (KclValue)new StringValue(key)));
                break;
            case NoneValue or UndefinedValue:
                break;
            default:
                throw Error($"'{value.TypeName}' object is not iterable");
        }
    }

    private KclValue EvaluateListIf(ListIfItem item)
    {
        if (Evaluate(item.Condition).IsTruthy)
        {
            return ListValue.Adopt(EvaluateListItems(item.Items));
        }

        if (item.ElseIf is not null)
        {
            return EvaluateListIf(item.ElseIf);
        }

        return item.Else.IsDefaultOrEmpty ? NoneValue.Instance : ListValue.Adopt(EvaluateListItems(item.Else));
    }

    private KclValue EvaluateBinary(BinaryExpression binary)
    {
        if (binary.Operator == BinaryOperator.And)
        {
            var left = Evaluate(binary.Left);
            return left.IsTruthy ? Evaluate(binary.Right) : left;
        }

        if (binary.Operator == BinaryOperator.Or)
        {
            var left = Evaluate(binary.Left);
            return left.IsTruthy ? left : Evaluate(binary.Right);
        }

        return Binary(binary.Operator, Evaluate(binary.Left), Evaluate(binary.Right));
    }

    private KclValue EvaluateCompare(CompareExpression compare)
    {
        var left = Evaluate(compare.Left);
        KclValue result = BoolValue.True;
        for (var i = 0; i < compare.Operators.Length; i++)
        {
            var right = Evaluate(compare.Comparators[i]);
            result = BoolValue.Of(Compare(compare.Operators[i], left, right));
            if (!result.IsTruthy)
            {
                return result;
            }

            left = right;
        }

        return result;
    }

    private KclValue GetMember(KclValue value, string name, Expression node)
    {
        switch (value)
        {
            case DictValue dict:
                if (dict.TryGetValue(name, out var member))
                {
                    return member;
                }

                return UndefinedValue.Instance;
            case ModuleValue module:
                return GetModuleMember(module, name, node);
            case SchemaType type when name == "instances":
                return new BuiltinFunction("instances", (context, arguments, keywords) =>
                {
                    var fullPkg = keywords.FirstOrDefault(k => k.Key == "full_pkg").Value ?? (arguments.Count > 0 ? arguments[0] : BoolValue.False);
                    return new ListValue(CollectInstances(type, fullPkg.IsTruthy));
                });
            case StringValue when StringMethods.TryGet(name, out var method):
                return new BoundMethod(name, method, value);
            case NoneValue or UndefinedValue:
                throw Error($"'{value.TypeName}' object has no attribute '{name}'");
        }

        throw Error($"'{value.TypeName}' object has no attribute '{name}'");
    }

    private List<KclValue> CollectInstances(SchemaType type, bool fullPackage = false)
    {
        _ = fullPackage;
        return CollectAllInstances(type);
    }

    private List<KclValue> CollectAllInstances(SchemaType type)
    {
        var result = new List<KclValue>();
        foreach (var (schema, instances) in _instances)
        {
            if (schema.IsSubtypeOf(type))
            {
                result.AddRange(instances);
            }
        }

        return result;
    }

    private KclValue Subscript(KclValue value, KclValue index)
    {
        switch (value, index)
        {
            case (ListValue list, IntValue i):
                {
                    var position = i.Value < 0 ? i.Value + list.Items.Count : i.Value;
                    if (position < 0 || position >= list.Items.Count)
                    {
                        throw Error($"list index out of range: {i.Value}");
                    }

                    return list.Items[(int)position];
                }

            case (StringValue text, IntValue i):
                {
                    var runes = text.Value.EnumerateRunes().ToArray();
                    var position = i.Value < 0 ? i.Value + runes.Length : i.Value;
                    if (position < 0 || position >= runes.Length)
                    {
                        throw Error($"string index out of range: {i.Value}");
                    }

                    return new StringValue(runes[position].ToString());
                }

            case (DictValue dict, _):
                {
                    var key = index is StringValue s ? s.Value : ValueOps.Str(index);
                    return dict.TryGetValue(key, out var item) ? item : UndefinedValue.Instance;
                }

            case (NoneValue or UndefinedValue, _):
                throw Error($"'{value.TypeName}' object is not subscriptable");
            default:
                throw Error($"'{value.TypeName}' object is not subscriptable with '{index.TypeName}'");
        }
    }

    private KclValue Slice(KclValue value, KclValue lower, KclValue upper, KclValue step)
    {
        var stepValue = step is IntValue s ? s.Value : 1;
        if (stepValue == 0)
        {
            throw Error("slice step cannot be zero");
        }

        List<KclValue>? items = null;
        string[]? chars = null;
        int length;
        switch (value)
        {
            case ListValue list:
                items = list.Items;
                length = items.Count;
                break;
            case StringValue text:
                chars = text.Value.EnumerateRunes().Select(r => r.ToString()).ToArray();
                length = chars.Length;
                break;
            default:
                throw Error($"'{value.TypeName}' object is not subscriptable");
        }

        long Adjust(KclValue bound, long defaultValue, bool isLower)
        {
            if (bound is not IntValue b)
            {
                return defaultValue;
            }

            var v = b.Value < 0 ? b.Value + length : b.Value;
            if (stepValue > 0)
            {
                return Math.Clamp(v, 0, length);
            }

            return Math.Clamp(v, -1, length - 1);
        }

        var start = Adjust(lower, stepValue > 0 ? 0 : length - 1, true);
        var stop = Adjust(upper, stepValue > 0 ? length : -1, false);
        var indexes = new List<int>();
        if (stepValue > 0)
        {
            for (var i = start; i < stop; i += stepValue)
            {
                indexes.Add((int)i);
            }
        }
        else
        {
            for (var i = start; i > stop; i += stepValue)
            {
                indexes.Add((int)i);
            }
        }

        return items is not null
            ? new ListValue(indexes.Select(i => items[i]))
            : new StringValue(string.Concat(indexes.Select(i => chars![i])));
    }
}
