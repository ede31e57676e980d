using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// KCL's union (<c>|</c> and <c>:</c>): lists merge item by item, configs key by key following each
    /// key's operator, anything else is replaced. A schema involved is re-evaluated with the merged config.
    /// </summary>
    internal KclValue UnionValues(KclValue left, KclValue right, TextSpan? span = null)
    {
        StackGuard.Ensure();
        if (left.IsNoneOrUndefined)
        {
            return right;
        }

        if (right.IsNoneOrUndefined)
        {
            return left;
        }

        if (left is ListValue leftList && right is ListValue rightList)
        {
            var result = new ListValue(leftList.Items);
            for (var i = 0; i < rightList.Items.Count; i++)
            {
                if (i < result.Items.Count)
                {
                    result.Items[i] = UnionValues(result.Items[i], rightList.Items[i]);
                }
                else
                {
                    result.Items.Add(rightList.Items[i]);
                }
            }

            return result;
        }

        if (left is DictValue leftDict && right is DictValue rightDict)
        {
            DictValue merged;
            if (left is SchemaValue leftSchema)
            {
                merged = leftSchema.ShallowCopy();
            }
            else if (right is SchemaValue rightSchema)
            {
                var schema = new SchemaValue(rightSchema.Name, rightSchema.PackagePath, rightSchema.Schema);
                foreach (var (key, value) in leftDict.Entries)
                {
                    schema.Set(key, value);
                    schema.SetOperation(key, leftDict.GetOperation(key));
                    schema.SetInsertIndex(key, leftDict.GetInsertIndex(key));
                }

                merged = schema;
            }
            else
            {
                merged = leftDict.ShallowCopy();
            }

            foreach (var (key, value) in rightDict.Entries)
            {
                InsertEntry(merged, key, value, rightDict.GetOperation(key), rightDict.GetInsertIndex(key));
            }

            if (merged is SchemaValue mergedSchema && mergedSchema.Schema is SchemaType type)
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                AddConfigKeys(keys, left);
                AddConfigKeys(keys, right);
                var argumentSource = right as SchemaValue ?? left as SchemaValue;

                // Without a site of its own, the merged instance keeps where its schema operand was made.
                var origin = span ?? (left as SchemaValue ?? right as SchemaValue)?.Origin;
                return ResolveSchema(mergedSchema, type, keys, span, argumentSource?.Arguments, argumentSource?.Keywords, origin);
            }

            return merged;
        }

        return right;
    }

    private static void AddConfigKeys(HashSet<string> keys, KclValue value)
    {
        if (value is SchemaValue schema)
        {
            keys.UnionWith(schema.ConfigKeys);
        }
        else if (value is DictValue dict)
        {
            keys.UnionWith(dict.Keys);
        }
    }

    /// <summary>Re-evaluates a schema after a merge, with the merged values of the configured keys as its config.</summary>
    private KclValue ResolveSchema(SchemaValue merged, SchemaType type, HashSet<string> keys, TextSpan? span, IReadOnlyList<KclValue>? arguments = null, IReadOnlyList<KeyValuePair<string, KclValue>>? keywords = null, TextSpan? origin = null)
    {
        var config = new DictValue();
        foreach (var (key, value) in merged.Entries)
        {
            if (keys.Contains(key))
            {
                config.Set(key, value);
                config.SetOperation(key, ConfigOperation.Override);
            }
        }

        var result = Instantiate(type, config, arguments ?? merged.Arguments ?? [], keywords ?? merged.Keywords ?? [], span, null, origin);
        if (result is SchemaValue instance)
        {
            // The instance keeps the operators its configs were written with, for later merges.
            foreach (var key in config.Keys)
            {
                instance.SetOperation(key, merged.GetOperation(key));
                instance.SetInsertIndex(key, merged.GetInsertIndex(key));
            }
        }

        return result;
    }

    private KclValue BitOr(KclValue left, KclValue right)
    {
        if (left is IntValue a && right is IntValue b)
        {
            return new IntValue(a.Value | b.Value);
        }

        if (left.IsNoneOrUndefined || right.IsNoneOrUndefined
            || (left is ListValue && right is ListValue) || (left is DictValue && right is DictValue))
        {
            return UnionValues(left, right);
        }

        throw Error(EvaluationDiagnostics.Unsupported("|", left.TypeName, right.TypeName));
    }
}
