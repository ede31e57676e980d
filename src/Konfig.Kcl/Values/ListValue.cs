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

    public List<KclValue> Items { get; }

    public override string TypeName => "list";

    public override bool IsTruthy => Items.Count > 0;
}
