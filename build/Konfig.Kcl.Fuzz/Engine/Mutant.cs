namespace Konfig.Kcl.Fuzz;

/// <summary>The <c>kcl run</c> switches a mutant runs with, on top of its case's own options.</summary>
internal sealed record RunFlags(bool Debug, bool StrictRangeCheck, bool DisableNone, bool SortKeys, bool ShowHidden)
{
    public static readonly RunFlags None = new(false, false, false, false, false);

    public override string ToString() =>
        string.Join(' ', new[] { (Debug, "-d"), (StrictRangeCheck, "-r"), (DisableNone, "-n"), (SortKeys, "--sort_keys"), (ShowHidden, "--show_hidden") }
            .Where(f => f.Item1)
            .Select(f => f.Item2));

    public static RunFlags Parse(string text)
    {
        var flags = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new RunFlags(flags.Contains("-d"), flags.Contains("-r"), flags.Contains("-n"), flags.Contains("--sort_keys"), flags.Contains("--show_hidden"));
    }
}

/// <summary>
/// One fuzz input: a case whose file <see cref="TargetFile"/> is replaced by <see cref="Bytes"/>. It is fully
/// determined by the seed and its index, so any mutant can be made again without the others.
/// </summary>
internal sealed record Mutant(int Seed, long Index, FuzzCase Case, string TargetFile, byte[] Bytes, RunFlags Flags, IReadOnlyList<string> Mutations);
