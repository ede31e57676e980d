namespace Konfig.Kcl.Emit;

/// <summary>
/// Orders keys the way Rust orders <c>String</c>s: by UTF-8 bytes. That equals UTF-16 ordinal order
/// except that supplementary characters (surrogate pairs) sort after U+E000..U+FFFF.
/// </summary>
public sealed class KeyOrder : IComparer<string>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            return Rank(a).CompareTo(Rank(b));
        }

        return x.Length.CompareTo(y.Length);
    }

    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which UTF-8 orders last.
    private static int Rank(char c) => c is >= '\uD800' and <= '\uDFFF' ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
}
