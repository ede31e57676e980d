namespace Konfig.Kcl.Values;

public sealed class ListValue : KclValue
{
    public ListValue()
    {
        Items = [];
    }

    public ListValue(IEnumerable<KclValue> items)
    {
        Items = [.. items];
    }

    // Private, so callers outside always get the copying constructor above; only Adopt shares storage.
    private ListValue(List<KclValue> items)
    {
        Items = items;
    }

    public List<KclValue> Items { get; }

    /// <summary>A list value that takes <paramref name="items"/> as its own storage, without copying; the caller gives it up.</summary>
    public static ListValue Adopt(List<KclValue> items) => new(items);

    public override string TypeName => "list";

    public override bool IsTruthy => Items.Count > 0;
}
