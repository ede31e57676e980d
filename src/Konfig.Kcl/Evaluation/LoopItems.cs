using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// What a loop (comprehension, quantifier) walks, taken once when the loop starts as KCL does: a list's
/// items with their indexes, a dict's keys with their values, a string's characters with their indexes.
/// Loop variables are made on demand, so a one-variable loop over a list never builds its indexes.
/// </summary>
internal readonly struct LoopItems
{
    private readonly KclValue[]? _values;
    private readonly string[]? _keys;
    private readonly string[]? _characters;

    private LoopItems(KclValue[]? values, string[]? keys, string[]? characters, int count)
    {
        _values = values;
        _keys = keys;
        _characters = characters;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Dict loops bind the key to a single loop variable; the others bind the item.</summary>
    public bool IsDict => _keys is not null;

    /// <summary>The items of <paramref name="value"/>, or false when it is not iterable (None and Undefined are empty).</summary>
    public static bool TryCreate(KclValue value, out LoopItems items)
    {
        switch (value)
        {
            case ListValue list:
                items = new LoopItems([.. list.Items], null, null, list.Items.Count);
                return true;
            case DictValue dict:
                {
                    var keys = new string[dict.Count];
                    var values = new KclValue[dict.Count];
                    var i = 0;
                    foreach (var (key, item) in dict.Entries)
                    {
                        keys[i] = key;
                        values[i] = item;
                        i++;
                    }

                    items = new LoopItems(values, keys, null, i);
                    return true;
                }

            case StringValue text:
                {
                    var characters = new List<string>(text.Value.Length);
                    foreach (var rune in text.Value.EnumerateRunes())
                    {
                        characters.Add(rune.ToString());
                    }

                    items = new LoopItems(null, null, [.. characters], characters.Count);
                    return true;
                }

            case NoneValue or UndefinedValue:
                items = new LoopItems(null, null, null, 0);
                return true;
            default:
                items = default;
                return false;
        }
    }

    /// <summary>The dict key at <paramref name="index"/> (dict loops only).</summary>
    public string Key(int index) => _keys![index];

    /// <summary>The first of two loop variables: the index, or the key for dicts.</summary>
    public KclValue First(int index) => _keys is not null ? new StringValue(_keys[index]) : IntValue.Of(index);

    /// <summary>The second of two loop variables: the item (a dict's value, a string's character).</summary>
    public KclValue Second(int index) => _values is not null ? _values[index] : new StringValue(_characters![index]);
}
