namespace Konfig.Kcl.Tests.Conformance;

/// <summary>Why a case did not pass. Names are short: they end up in known-failures.txt as reasons.</summary>
internal enum FailureKind
{
    None,

    /// <summary>Expected YAML, but the run reported errors.</summary>
    UnexpectedError,

    /// <summary>The run succeeded, but its YAML differs in value from the golden.</summary>
    WrongOutput,

    /// <summary>The output is not a YAML stream at all, or does not end with a newline.</summary>
    BadYaml,

    /// <summary>Expected an error, but the run succeeded.</summary>
    MissingError,

    /// <summary>The run failed, but the expected message is not in its diagnostics.</summary>
    WrongError,

    /// <summary>A snapshot's bytes differ.</summary>
    BytesDiffer,

    /// <summary>An exception escaped <c>KclRunner.Run</c>.</summary>
    Crash,

    /// <summary>The run did not end before the watchdog.</summary>
    Hang,

    /// <summary>Not run: too many hangs earlier in this test run made timings meaningless.</summary>
    Aborted,

    /// <summary>The harness could not set the case up (unknown option spelling, missing golden).</summary>
    Harness,
}

/// <summary>The verdict on one case. <see cref="Id"/> is the case path, or <c>snapshots/NAME</c>.</summary>
internal sealed record CaseResult(
    string Id,
    string Category,
    Expectation Expect,
    FailureKind Failure,
    string Detail,
    string? Actual,
    TimeSpan Elapsed)
{
    public bool Passed => Failure == FailureKind.None;

    public static string KindName(FailureKind kind) => kind switch
    {
        FailureKind.UnexpectedError => "unexpected-error",
        FailureKind.WrongOutput => "wrong-output",
        FailureKind.BadYaml => "bad-yaml",
        FailureKind.MissingError => "missing-error",
        FailureKind.WrongError => "wrong-error",
        FailureKind.BytesDiffer => "bytes-differ",
        FailureKind.Crash => "crash",
        FailureKind.Hang => "hang",
        FailureKind.Aborted => "aborted",
        FailureKind.Harness => "harness",
        _ => "pass",
    };
}
