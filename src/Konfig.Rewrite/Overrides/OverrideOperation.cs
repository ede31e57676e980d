namespace Konfig.Rewrite.Overrides;

/// <summary>What an override spec does at its path, spelled as in <c>kcl -O</c>.</summary>
public enum OverrideOperation
{
    /// <summary><c>path=value</c>: replace the value, or insert it where the path is absent.</summary>
    Assign,

    /// <summary><c>path:value</c>: merge a config into the one at the path (a plain value replaces).</summary>
    Union,

    /// <summary><c>path+=value</c>: append the items of a list to the list at the path.</summary>
    Append,

    /// <summary><c>path-</c>: remove the entry or variable at the path.</summary>
    Delete,
}
