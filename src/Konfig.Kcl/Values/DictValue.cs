using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Values;

/// <summary>
/// An insertion-ordered string-keyed map. Besides the values it remembers, per key, the operator the
/// key was last written with (<c>:</c>, <c>=</c>, <c>+=</c>) and an insert index for <c>+=</c> on list
/// items, because merging two configs later depends on them.
/// </summary>
public class DictValue : KclValue
{
    private readonly Dictionary<string, KclValue> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private Dictionary<string, ConfigOperation>? _operations;
    private Dictionary<string, int>? _insertIndexes;

    public override string TypeName => "dict";

    public override bool IsTruthy => _values.Count > 0;

    public int Count => _values.Count;

    /// <summary>Keys in insertion order.</summary>
    public IReadOnlyList<string> Keys => _order;

    public IEnumerable<KeyValuePair<string, KclValue>> Entries
    {
        get
        {
            foreach (var key in _order)
            {
                yield return new KeyValuePair<string, KclValue>(key, _values[key]);
            }
        }
    }

    public KclValue? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out KclValue value) => _values.TryGetValue(key, out value!);

    /// <summary>Sets a key, keeping its position when it already exists.</summary>
    public void Set(string key, KclValue value)
    {
        if (!_values.ContainsKey(key))
        {
            _order.Add(key);
        }

        _values[key] = value;
    }

    public bool Remove(string key)
    {
        if (!_values.Remove(key))
        {
            return false;
        }

        _order.Remove(key);
        _operations?.Remove(key);
        _insertIndexes?.Remove(key);
        return true;
    }

    public ConfigOperation GetOperation(string key) =>
        _operations is not null && _operations.TryGetValue(key, out var op) ? op : ConfigOperation.Union;

    public void SetOperation(string key, ConfigOperation operation)
    {
        if (operation == ConfigOperation.Union && _operations is null)
        {
            return;
        }

        (_operations ??= new Dictionary<string, ConfigOperation>(StringComparer.Ordinal))[key] = operation;
    }

    /// <summary>The index for <c>key[i] += …</c> / <c>key[i] = …</c> entries; -1 when none.</summary>
    public int GetInsertIndex(string key) =>
        _insertIndexes is not null && _insertIndexes.TryGetValue(key, out var index) ? index : -1;

    public void SetInsertIndex(string key, int index)
    {
        if (index < 0)
        {
            _insertIndexes?.Remove(key);
            return;
        }

        (_insertIndexes ??= new Dictionary<string, int>(StringComparer.Ordinal))[key] = index;
    }

    /// <summary>Copies entries and their metadata into <paramref name="target"/> (shallow).</summary>
    protected void CopyTo(DictValue target)
    {
        foreach (var key in _order)
        {
            target.Set(key, _values[key]);
            target.SetOperation(key, GetOperation(key));
            target.SetInsertIndex(key, GetInsertIndex(key));
        }
    }

    public virtual DictValue ShallowCopy()
    {
        var copy = new DictValue();
        CopyTo(copy);
        return copy;
    }
}
