namespace Konfig.Rewrite.Overrides;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="NewText"/> (an insert when Length is 0).</summary>
public readonly record struct TextEdit(int Start, int Length, string NewText)
{
    public int End => Start + Length;
}
