namespace Konfig.Workspace.Golden;

/// <summary>How a stack fared against its golden file.</summary>
public enum GoldenStatus
{
    /// <summary>The spec means the same as the golden.</summary>
    Match,

    /// <summary>The spec differs from the golden; the detail gives the first differing path.</summary>
    Mismatch,

    /// <summary>The stack has no ci-test/stdout.golden.yaml.</summary>
    NoGolden,

    /// <summary>The golden file cannot be read or is not YAML.</summary>
    BadGolden,

    /// <summary>The stack did not compile, so there is nothing to compare.</summary>
    CompileFailed,

    /// <summary>With update: the golden was (re)written from the spec.</summary>
    Updated,

    /// <summary>With update: the golden already held exactly what would be written.</summary>
    Unchanged,
}
