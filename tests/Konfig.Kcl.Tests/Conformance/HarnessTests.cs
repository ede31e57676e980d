using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>The conformance harness's own rules, checked on small inputs so a harness bug cannot hide as a compiler bug.</summary>
public sealed class HarnessTests
{
    [Theory]
    [InlineData("a: 1\nb: 2\n", "b: 2\na: 1\n")]
    [InlineData("a: 1\n", "a: 1.0\n")]
    [InlineData("a: 16\n", "a: 0x10\n")]
    [InlineData("a: 'yes'\n", "a: yes\n")]
    [InlineData("a: null\n", "a: ~\n")]
    [InlineData("a: true\n", "a: True\n")]
    [InlineData("a: \"x\\ny\"\n", "a: |-\n  x\n  y\n")]
    [InlineData("a: 1\n---\nb: 2\n", "a: 1\n---\nnull\n---\n{}\n---\nb: 2\n")]
    [InlineData("", "---\n")]
    public void Yaml_streams_that_are_equal_by_value(string expected, string actual) =>
        Difference(expected, actual).Should().BeNull();

    [Theory]
    [InlineData("a: [1, 2]\n", "a: [2, 1]\n")]
    [InlineData("a: 1\n", "a: '1'\n")]
    [InlineData("a: 1\n", "a: true\n")]
    [InlineData("a: 1\n", "a: 1\nb: 2\n")]
    [InlineData("a: 1\n---\nb: 2\n", "b: 2\n---\na: 1\n")]
    [InlineData("a: 1.5\n", "a: 1\n")]
    public void Yaml_streams_that_differ(string expected, string actual) =>
        Difference(expected, actual).Should().NotBeNull();

    [Fact]
    public void Stdout_cases_need_success_and_a_final_newline()
    {
        CaseRunner.JudgeStdout("a: 1\n", new KclRunResult("a: 1\n", []), string.Empty).Failure.Should().Be(FailureKind.None);
        CaseRunner.JudgeStdout("a: 1\n", new KclRunResult("a: 1", []), string.Empty).Failure.Should().Be(FailureKind.BadYaml);
        CaseRunner.JudgeStdout("a: 1\n", new KclRunResult("a: [\n", []), string.Empty).Failure.Should().Be(FailureKind.BadYaml);
    }

    [Fact]
    public void Stderr_goldens_match_inside_the_actual_text_without_colours_or_blank_lines()
    {
        const string Golden = "\nerror[E2G22]: TypeError\n --> ${CWD}/main.k:1:1\n\n";
        const string Actual = "\u001b[31merror[E2G22]\u001b[0m: TypeError\n\n --> /tmp/case/main.k:1:1\n  |\n";

        StderrMatcher.Matches(Golden, Actual, "/tmp/case").Should().BeTrue();
        StderrMatcher.Matches(Golden, Actual, "/tmp/other").Should().BeFalse();
    }

    [Fact]
    public void Case_options_use_kcl_spellings_split_on_whitespace()
    {
        var (options, error) = CaseOptionsParser.Parse(
            "-D key0=value0 -D id=\"000\" -Y config1.yaml config2.yaml -S a.b -r -d -n --sort_keys --show_hidden pkg.k ${KCL_MOD}/pkg/pkg.k",
            "/case",
            TimeSpan.FromSeconds(10));

        error.Should().BeNull();
        options!.Files.Should().Equal("main.k", "pkg.k", "${KCL_MOD}/pkg/pkg.k");
        options.WorkingDirectory.Should().Be("/case");
        options.Arguments.Should().Equal(new KeyValuePair<string, string>("key0", "value0"), new KeyValuePair<string, string>("id", "\"000\""));
        options.SettingsFiles.Should().Equal("config1.yaml", "config2.yaml");
        options.PathSelectors.Should().Equal("a.b");
        (options.StrictRangeCheck && options.Debug && options.DisableNone && options.SortKeys && options.ShowHidden).Should().BeTrue();
        options.Timeout.Should().Be(TimeSpan.FromSeconds(10));

        CaseOptionsParser.Parse("--frobnicate", "/case", TimeSpan.FromSeconds(1)).Error.Should().Contain("--frobnicate");
    }

    [Fact]
    public void Manifest_fields_with_quotes_are_unquoted()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "case\texpect\tkcl_options\tk_files\nopt/a\tstdout\t\"-D id=\"\"0123\"\"\"\t1\nopt/b\tstderr\t-\t1\n");

            var cases = ManifestReader.Read(path);

            cases.Should().Equal(
                new ConformanceCase("opt/a", Expectation.Stdout, "-D id=\"0123\""),
                new ConformanceCase("opt/b", Expectation.Stderr, string.Empty));
            cases[0].Category.Should().Be("opt");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Known_failures_keep_hand_written_reasons_and_drop_fixed_cases()
    {
        var list = KnownFailures.Parse("# header\n\na/one  # parser: needs f-strings\na/two  # unexpected-error\na/fixed\nsnapshots/s1\na/gone\n");
        var results = new[]
        {
            Result("a/one", FailureKind.WrongOutput),
            Result("a/two", FailureKind.WrongOutput),
            Result("a/fixed", FailureKind.None),
            Result("a/new", FailureKind.Crash),
        };
        var allIds = new HashSet<string>(["a/one", "a/two", "a/fixed", "a/new", "a/filtered-out"], StringComparer.Ordinal);
        bool Grammar(string id) => !id.StartsWith(KnownFailures.SnapshotPrefix, StringComparison.Ordinal);

        var comparison = list.Compare(results, Grammar, allIds);
        comparison.Regressions.Select(r => r.Id).Should().Equal("a/new");
        comparison.NowPassing.Should().Equal("a/fixed");
        comparison.Stale.Should().Equal("a/gone");

        list.Update(results, Grammar, allIds).Render().Should().Be(
            "# header\n\na/new  # crash\na/one  # parser: needs f-strings\na/two  # wrong-output\nsnapshots/s1\n");
    }

    [Fact]
    public void Guarded_calls_report_values_exceptions_and_hangs()
    {
        var watchdog = TimeSpan.FromMilliseconds(200);

        GuardedExecution.Run(() => 42, watchdog).Value.Should().Be(42);
        GuardedExecution.Run<int>(() => throw new InvalidOperationException("boom"), watchdog).Exception.Should().BeOfType<InvalidOperationException>();
        GuardedExecution.Run(
            () =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
                return 0;
            },
            watchdog).Hung.Should().BeTrue();
    }

    [RequiresSharedFact("kcl-conformance")]
    public void Every_stdout_golden_matches_itself()
    {
        var suite = SharedPaths.SharedFolder("kcl-conformance")!;
        var failures = ManifestReader.Read(Path.Combine(suite, "_manifest.tsv"))
            .Where(c => c.Expect == Expectation.Stdout)
            .Select(c => (c.Path, Golden: File.ReadAllText(Path.Combine(suite, c.Path, CaseRunner.StdoutGolden))))
            .Select(c => (c.Path, Verdict: CaseRunner.JudgeStdout(c.Golden, new KclRunResult(c.Golden.EndsWith('\n') ? c.Golden : c.Golden + "\n", []), string.Empty)))
            .Where(c => c.Verdict.Failure != FailureKind.None)
            .Select(c => $"{c.Path}: {c.Verdict.Detail}")
            .ToList();

        failures.Should().BeEmpty();
    }

    private static string? Difference(string expected, string actual) =>
        YamlValueComparer.FindDifference(YamlPlainValues.LoadDocuments(expected), YamlPlainValues.LoadDocuments(actual));

    private static CaseResult Result(string id, FailureKind failure) =>
        new(id, id.Split('/')[0], Expectation.Stdout, failure, string.Empty, null, TimeSpan.Zero);
}
