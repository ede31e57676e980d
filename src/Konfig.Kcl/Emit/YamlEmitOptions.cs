namespace Konfig.Kcl.Emit;

/// <summary>
/// Options of KCL's YAML (and JSON) encoders: <c>yaml.encode(data, sort_keys, ignore_private, ignore_none)</c>
/// and the <c>kcl run</c> output (<c>--sort_keys</c>, <c>-n</c>).
/// </summary>
public sealed record YamlEmitOptions
{
    public static readonly YamlEmitOptions Default = new();

    /// <summary>Sort mapping keys (by UTF-8 bytes, as Rust sorts strings).</summary>
    public bool SortKeys { get; init; }

    /// <summary>Drop None values from mappings and lists (<c>-n</c>, <c>ignore_none</c>).</summary>
    public bool IgnoreNone { get; init; }

    /// <summary>Drop mapping keys that start with <c>_</c> (<c>ignore_private</c>).</summary>
    public bool IgnorePrivate { get; init; }

    /// <summary>The document separator of YAML streams.</summary>
    public string Separator { get; init; } = "---";
}
