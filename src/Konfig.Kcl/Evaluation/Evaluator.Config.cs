using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private DictValue EvaluateConfig(ConfigExpression config, Dictionary<string, TextSpan>? keySpans = null)
    {
        var result = new DictValue();
        EvaluateConfigItems(config.Items, result, keySpans, isBranch: false);
        return result;
    }

    /// <summary>
    /// Evaluates config entries into <paramref name="result"/>. Each entry with a named key (<c>a</c>,
    /// <c>"a"</c>, <c>a.b</c>, <c>a[0]</c>) also becomes a local the following entries can read.
    /// </summary>
    private void EvaluateConfigItems(IEnumerable<ConfigItem> items, DictValue result, Dictionary<string, TextSpan>? keySpans, bool isBranch)
    {
        var locals = new Scope(_env.Locals, isConfig: true, isConfigBranch: isBranch);
        var saved = _env;
        _env = _env with { Locals = locals };
        try
        {
            EvaluateConfigItemsCore(items, result, keySpans, locals);
        }
        finally
        {
            _env = saved;
        }
    }

    private void EvaluateConfigItemsCore(IEnumerable<ConfigItem> items, DictValue result, Dictionary<string, TextSpan>? keySpans, Scope locals)
    {
        foreach (var item in items)
        {
            CheckCancellation();
            switch (item)
            {
                case ConfigEntry { Key: null } unpack:
                    {
                        var value = Evaluate(unpack.Value);
                        switch (value)
                        {
                            case DictValue dict:
                                foreach (var (key, entry) in dict.Entries)
                                {
                                    InsertEntry(result, key, entry, dict.GetOperation(key), dict.GetInsertIndex(key));
                                }

                                break;
                            case NoneValue or UndefinedValue:
                                break;
                            default:
                                throw Error($"only list, dict and schema object can be used with unpack operators * and **, got {value.TypeName}");
                        }

                        break;
                    }

                case ConfigEntry entry:
                    {
                        var value = Evaluate(entry.Value);
                        var (path, index) = ResolveConfigKey(entry.Key!);
                        var localName = NamedKey(entry.Key!);
                        if (keySpans is not null && !keySpans.ContainsKey(path[0]))
                        {
                            keySpans[path[0]] = entry.Key!.Span;
                        }

                        RecordKey(result, path[0], entry.Key!.Span);

                        if (index < -1)
                        {
                            // A negative list index counts from the end of the list already there.
                            index += NegativeIndexBias + (result[path[0]] is ListValue existingList ? existingList.Items.Count : 0);
                            if (index < 0)
                            {
                                throw Error("index out of bounds");
                            }
                        }

                        if (path.Count == 1)
                        {
                            if (index >= 0 && result[path[0]] is null)
                            {
                                // An indexed entry needs a list to go into: inserting starts an empty one, overriding has none.
                                CheckIndexedEntryWithoutList(entry.Operation, index);
                            }

                            InsertEntry(result, path[0], value, entry.Operation, index);
                            if (localName is not null && result.TryGetValue(path[0], out var stored))
                            {
                                locals.StoreConfigLocal(localName, stored);
                            }

                            break;
                        }

                        var segmentSpans = SegmentSpans(entry.Key!);
                        for (var i = path.Count - 1; i >= 1; i--)
                        {
                            var nested = new DictValue();
                            RecordKey(nested, path[i], i < segmentSpans.Count ? segmentSpans[i] : entry.Key!.Span);
                            nested.Set(path[i], value);
                            nested.SetOperation(path[i], i == path.Count - 1 ? entry.Operation : ConfigOperation.Union);
                            if (i == path.Count - 1)
                            {
                                nested.SetInsertIndex(path[i], index);
                            }

                            value = nested;
                        }

                        InsertEntry(result, path[0], value, ConfigOperation.Union, -1);
                        if (localName is not null && result.TryGetValue(path[0], out var nestedStored))
                        {
                            locals.StoreConfigLocal(localName, nestedStored);
                        }

                        break;
                    }

                case ConfigIfEntry ifEntry:
                    EvaluateConfigIf(ifEntry, result, keySpans);
                    break;
            }
        }
    }

    private void EvaluateConfigIf(ConfigIfEntry ifEntry, DictValue result, Dictionary<string, TextSpan>? keySpans)
    {
        var temporary = new DictValue();
        if (Evaluate(ifEntry.Condition).IsTruthy)
        {
            EvaluateConfigItems(ifEntry.Items, temporary, keySpans, isBranch: true);
        }
        else if (ifEntry.ElseIf is not null)
        {
            EvaluateConfigIf(ifEntry.ElseIf, temporary, keySpans);
        }
        else if (!ifEntry.Else.IsDefaultOrEmpty)
        {
            EvaluateConfigItems(ifEntry.Else, temporary, keySpans, isBranch: true);
        }

        foreach (var (key, value) in temporary.Entries)
        {
            InsertEntry(result, key, value, temporary.GetOperation(key), temporary.GetInsertIndex(key));
        }
    }

    /// <summary>The key path of a config entry (<c>a.b.c</c> → [a, b, c]) and its list index (<c>a[1] = …</c>), -1 when none.</summary>
    private (List<string> Path, int Index) ResolveConfigKey(Expression key)
    {
        switch (key)
        {
            case NameExpression name:
                return ([LoopVariableKey(name.Name) ?? name.Name], -1);
            case StringLiteral text:
                return ([text.Value], -1);
            case SelectorExpression selector when IsNamePath(selector):
                {
                    var path = new List<string>();
                    Expression current = selector;
                    while (current is SelectorExpression s)
                    {
                        path.Insert(0, s.Attribute.Name);
                        current = s.Value;
                    }

                    var root = ((NameExpression)current).Name;
                    path.Insert(0, LoopVariableKey(root) ?? root);
                    return (path, -1);
                }

            case IndexExpression { Value: NameExpression target } index when Evaluate(index.Index) is IntValue i && LoopVariableKey(target.Name) is null:
                return ([target.Name], i.Value < 0 ? (int)i.Value - NegativeIndexBias : (int)i.Value);

            default:
                return ([KeyString(Evaluate(key))], -1);
        }
    }

    private const int NegativeIndexBias = 1_000_000;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DictValue, ConfigKeyInfo> _configKeys = new();

    /// <summary>Where each key of a config literal was written, for errors that point at the key.</summary>
    internal sealed class ConfigKeyInfo
    {
        public Dictionary<string, TextSpan> Spans { get; } = new(StringComparer.Ordinal);
    }

    private void RecordKey(DictValue config, string key, TextSpan span) => _configKeys.GetOrCreateValue(config).Spans.TryAdd(key, span);

    private ConfigKeyInfo? KeyInfo(DictValue config) => _configKeys.TryGetValue(config, out var info) ? info : null;

    private static List<TextSpan> SegmentSpans(Expression key)
    {
        var spans = new List<TextSpan>();
        var current = key;
        while (current is SelectorExpression selector)
        {
            spans.Insert(0, selector.Attribute.Span);
            current = selector.Value;
        }

        spans.Insert(0, current.Span);
        return spans;
    }

    /// <summary>The local a config entry's key introduces: the first name of a name path, a string key, a list-index target.</summary>
    private static string? NamedKey(Expression key) => key switch
    {
        NameExpression name => name.Name,
        StringLiteral text => text.Value,
        SelectorExpression selector when IsNamePath(selector) => RootName(selector),
        IndexExpression { Value: NameExpression target } => target.Name,
        _ => null,
    };

    /// <summary>A config key written as a name means that name, unless it is a loop variable: then its value.</summary>
    private string? LoopVariableKey(string name)
    {
        for (var scope = _env.Locals; scope is not null; scope = scope.Parent)
        {
            if (scope.IsLoop && scope.TryGetOwn(name, out var value))
            {
                return KeyString(value);
            }
        }

        return null;
    }

    private static bool IsNamePath(Expression expression) => expression switch
    {
        NameExpression => true,
        SelectorExpression { IsOptional: false } selector => IsNamePath(selector.Value),
        _ => false,
    };

    /// <summary>Adds <paramref name="key"/> to a config being built, combining with an existing entry per the operator.</summary>
    internal void InsertEntry(DictValue target, string key, KclValue value, ConfigOperation operation, int index)
    {
        if (!target.TryGetValue(key, out var existing))
        {
            target.Set(key, value);
        }
        else
        {
            target.Set(key, Combine(existing, value, operation, index));
        }

        target.SetOperation(key, operation);
        target.SetInsertIndex(key, index);
    }

    /// <summary>What an entry with <paramref name="operation"/> makes of the value already there.</summary>
    private KclValue Combine(KclValue existing, KclValue value, ConfigOperation operation, int index)
    {
        switch (operation)
        {
            case ConfigOperation.Union when index >= 0 && existing is ListValue target:
                {
                    var copy = new ListValue(target.Items);
                    if (index < copy.Items.Count)
                    {
                        copy.Items[index] = UnionValues(copy.Items[index], value);
                    }

                    return copy;
                }

            case ConfigOperation.Union:
                return UnionValues(existing, value);
            case ConfigOperation.Override:
                if (index < 0)
                {
                    return value;
                }

                if (existing is not ListValue list)
                {
                    throw Error(OverrideNeedsList(index));
                }

                {
                    var copy = new ListValue(list.Items);
                    if (index >= copy.Items.Count)
                    {
                        // The reference's runtime reports Rust's own bounds messages here.
                        throw Error(value.IsNoneOrUndefined
                            ? $"removal index (is {index}) should be < len (is {copy.Items.Count})"
                            : $"index out of bounds: the len is {copy.Items.Count} but the index is {index}");
                    }

                    if (value.IsNoneOrUndefined)
                    {
                        copy.Items.RemoveAt(index);
                    }
                    else
                    {
                        copy.Items[index] = value;
                    }

                    return copy;
                }

            default:
                {
                    if (existing.IsNoneOrUndefined)
                    {
                        existing = new ListValue();
                    }

                    if (existing is not ListValue origin || value is not ListValue items)
                    {
                        throw Error("only list attribute can be inserted value");
                    }

                    var copy = new ListValue(origin.Items);
                    if (index < 0)
                    {
                        copy.Items.AddRange(items.Items);
                    }
                    else if (index > copy.Items.Count)
                    {
                        throw Error($"insertion index (is {index}) should be <= len (is {copy.Items.Count})");
                    }
                    else
                    {
                        copy.Items.InsertRange(index, items.Items);
                    }

                    return copy;
                }
        }
    }

    private static string OverrideNeedsList(int index) => $"only list attribute can be override value with the index {index}";

    /// <summary><c>arr[1] = v</c> with no <c>arr</c> yet fails; <c>arr[i] += [v]</c> inserts into an empty list.</summary>
    private void CheckIndexedEntryWithoutList(ConfigOperation operation, int index)
    {
        if (operation == ConfigOperation.Override)
        {
            throw Error(OverrideNeedsList(index));
        }

        if (operation == ConfigOperation.Insert && index > 0)
        {
            throw Error($"insertion index (is {index}) should be <= len (is 0)");
        }
    }
}
