using FluentAssertions;
using Konfig.Cli.Commands;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Cli.Tests.Commands;

/// <summary>How <c>konfig kcl run</c> reads its command line and reports results, with the compiler faked.</summary>
public sealed class KclRunCommandTests : IDisposable
{
    private static readonly KclRunResult Ok = new("a: 1\n", []);
    private static readonly KclRunResult Failed = new(string.Empty, [Diagnostic.Error("E1001", "InvalidSyntaxError", null, "unexpected token")]);

    private readonly TemporaryFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Reads_kcl_spellings_into_run_options()
    {
        var runner = new FakeKclRunner(Ok);

        var (exitCode, stdout, _) = CliHarness.Run(
            _directory.Path,
            runner.Run,
            "kcl", "run", "main.k", "pkg/pkg.k",
            "-D", "name=alice", "-D", "expr=a=b", "--argument", "empty=",
            "-S", "app.name", "--path_selector", "app.port",
            "-d", "-r", "-n", "--sort_keys", "--show_hidden",
            "-Y", "a.yaml", "b.yaml", "-Y", "c.yaml");

        exitCode.Should().Be(0);
        stdout.Should().Be("a: 1\n");
        var options = runner.Calls.Should().ContainSingle().Subject;
        options.Files.Should().Equal("main.k", "pkg/pkg.k");
        options.WorkingDirectory.Should().Be(_directory.Path);
        options.Arguments.Should().Equal(
            new KeyValuePair<string, string>("name", "alice"),
            new KeyValuePair<string, string>("expr", "a=b"),
            new KeyValuePair<string, string>("empty", string.Empty));
        options.SettingsFiles.Should().Equal("a.yaml", "b.yaml", "c.yaml");
        options.PathSelectors.Should().Equal("app.name", "app.port");
        options.Debug.Should().BeTrue();
        options.StrictRangeCheck.Should().BeTrue();
        options.DisableNone.Should().BeTrue();
        options.SortKeys.Should().BeTrue();
        options.ShowHidden.Should().BeTrue();
    }

    [Fact]
    public void Switches_default_to_off()
    {
        var runner = new FakeKclRunner(Ok);

        CliHarness.Run(_directory.Path, runner.Run, "kcl", "run", "main.k").ExitCode.Should().Be(0);

        var options = runner.Calls.Should().ContainSingle().Subject;
        options.Arguments.Should().BeEmpty();
        options.SettingsFiles.Should().BeEmpty();
        options.PathSelectors.Should().BeEmpty();
        (options.Debug || options.StrictRangeCheck || options.DisableNone || options.SortKeys || options.ShowHidden).Should().BeFalse();
    }

    [Fact]
    public void Rejects_an_argument_without_a_value()
    {
        var runner = new FakeKclRunner(Ok);

        var (exitCode, _, stderr) = CliHarness.Run(_directory.Path, runner.Run, "kcl", "run", "main.k", "-D", "name");

        exitCode.Should().Be(1);
        stderr.Should().Contain("Invalid value for top level arguments");
        runner.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Files_may_come_from_a_settings_file_alone()
    {
        // kcl allows `kcl run -Y kcl.yaml`: the settings file lists the files, so none are required here.
        var runner = new FakeKclRunner(Ok);

        var (exitCode, _, _) = CliHarness.Run(_directory.Path, runner.Run, "kcl", "run", "-Y", "kcl.yaml");

        exitCode.Should().Be(0);
        var call = runner.Calls.Should().ContainSingle().Subject;
        call.Files.Should().BeEmpty();
        call.SettingsFiles.Should().Equal("kcl.yaml");
    }

    [Fact]
    public void Runs_the_files_a_settings_file_lists()
    {
        _directory.Write("kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n");
        _directory.Write("main.k", "a = 1\n");

        var (exitCode, stdout, stderr) = CliHarness.Run(_directory.Path, KclRunner.Run, "kcl", "run", "-Y", "kcl.yaml");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Should().Be("a: 1\n");
    }

    [Fact]
    public void Prints_diagnostics_to_stderr_and_exits_1_on_errors()
    {
        var (exitCode, stdout, stderr) = CliHarness.Run(_directory.Path, new FakeKclRunner(Failed).Run, "kcl", "run", "main.k");

        exitCode.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("error[E1001]: InvalidSyntaxError").And.Contain("unexpected token");
    }

    [Fact]
    public void Prints_github_annotations_when_asked()
    {
        var (exitCode, _, stderr) = CliHarness.Run(
            _directory.Path, new FakeKclRunner(Failed).Run, "kcl", "run", "main.k", "--error-format", "github");

        exitCode.Should().Be(1);
        stderr.Should().StartWith("::error").And.Contain("unexpected token");
    }

    [Fact]
    public void Rejects_an_unknown_error_format()
    {
        var runner = new FakeKclRunner(Ok);

        var (exitCode, _, _) = CliHarness.Run(_directory.Path, runner.Run, "kcl", "run", "main.k", "--error-format", "json");

        exitCode.Should().Be(1);
        runner.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Writes_the_output_file_relative_to_the_working_directory()
    {
        var (exitCode, stdout, _) = CliHarness.Run(_directory.Path, new FakeKclRunner(Ok).Run, "kcl", "run", "main.k", "-o", "out/result.yaml");

        exitCode.Should().Be(0);
        stdout.Should().BeEmpty();
        File.ReadAllText(Path.Combine(_directory.Path, "out", "result.yaml")).Should().Be("a: 1\n");
        Directory.GetFiles(Path.Combine(_directory.Path, "out")).Should().ContainSingle("the temporary file is renamed, not left behind");
    }

    [Fact]
    public void Leaves_the_output_file_alone_when_the_run_fails()
    {
        var existing = _directory.Write("result.yaml", "old: true\n");

        var (exitCode, _, _) = CliHarness.Run(_directory.Path, new FakeKclRunner(Failed).Run, "kcl", "run", "main.k", "--output", "result.yaml");

        exitCode.Should().Be(1);
        File.ReadAllText(existing).Should().Be("old: true\n");
    }

    [Theory]
    [InlineData("kcl", "run", "main.k")]
    [InlineData("kcl", "run", "a.k", "sub/b.k", "${KCL_MOD}/c.k")]
    [InlineData("kcl", "run", "@x.k", "name=value.k")]
    public void The_files_only_shortcut_binds_what_the_full_parser_binds(params string[] args)
    {
        KclRunCommand.TryBindFilesOnly(args, _directory.Path, out var shortcut).Should().BeTrue();
        var runner = new FakeKclRunner(Ok);
        var environment = new CliEnvironment(TextWriter.Null, TextWriter.Null, _directory.Path, runner.Run);

        // The full parser, as CliApplication.Run uses it for every other command line.
        var parsed = CliApplication.CreateRootCommand(environment).Parse(args, new System.CommandLine.ParserConfiguration { ResponseFileTokenReplacer = null });
        parsed.Errors.Should().BeEmpty();
        parsed.Invoke().Should().Be(0);

        runner.Calls.Should().ContainSingle().Which.Should().BeEquivalentTo(shortcut);
        CliHarness.Run(_directory.Path, new FakeKclRunner(Ok).Run, args).Should().Be((0, "a: 1\n", string.Empty));
    }

    [Theory]
    [InlineData("kcl", "run")]
    [InlineData("kcl", "run", "-n", "main.k")]
    [InlineData("kcl", "run", "main.k", "--help")]
    [InlineData("kcl", "run", "main.k", "-")]
    [InlineData("kcl", "run", "main.k", "")]
    [InlineData("kcl", "Run", "main.k")]
    [InlineData("compile", "main.k", "x.k")]
    public void Anything_but_plain_files_goes_through_the_full_parser(params string[] args) =>
        KclRunCommand.TryBindFilesOnly(args, _directory.Path, out _).Should().BeFalse();
}
