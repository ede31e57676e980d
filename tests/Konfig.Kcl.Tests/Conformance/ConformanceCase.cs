namespace Konfig.Kcl.Tests.Conformance;

/// <summary>What a case expects the reference to do: print YAML, or fail with a message.</summary>
internal enum Expectation
{
    Stdout,
    Stderr,
}

/// <summary>One row of <c>_manifest.tsv</c>: a case folder (relative, '/'-separated) and how to run it.</summary>
internal sealed record ConformanceCase(string Path, Expectation Expect, string KclOptions)
{
    /// <summary>The first path segment, e.g. <c>schema</c> for <c>schema/init/init_0</c>.</summary>
    public string Category => Path.Split('/')[0];
}
