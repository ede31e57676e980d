using System.Diagnostics;
using FluentAssertions;

namespace Konfig.Cli.Tests;

/// <summary>
/// The real <c>konfig</c> process on real KCL files: exit codes, streams and the output file. These need
/// the compiler, so they pass once <c>Konfig.Kcl</c> can evaluate the programs below.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TemporaryFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Prints_the_version()
    {
        var (exitCode, stdout, _) = Konfig("--version");

        exitCode.Should().Be(0);
        stdout.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public void Runs_a_program_with_arguments_and_sorted_keys()
    {
        _directory.Write("main.k", """
            _name = option("name")
            _replicas = option("replicas")
            app = {
                zone = "eu"
                name = _name
                replicas = _replicas
            }
            """);

        var (exitCode, stdout, stderr) = Konfig("kcl", "run", "main.k", "-D", "name=web", "-D", "replicas=3", "--sort_keys");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Should().Be("""
            app:
              name: web
              replicas: 3
              zone: eu

            """);
    }

    [Fact]
    public void Reads_several_settings_files_after_one_flag()
    {
        _directory.Write("main.k", """
            a = option("a")
            b = option("b")
            """);
        _directory.Write("one.yaml", "kcl_options:\n  - key: a\n    value: 1\n");
        _directory.Write("two.yaml", "kcl_options:\n  - key: b\n    value: two\n");

        var (exitCode, stdout, stderr) = Konfig("kcl", "run", "main.k", "-Y", "one.yaml", "two.yaml");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Should().Be("a: 1\nb: two\n");
    }

    [Fact]
    public void Exits_1_with_diagnostics_on_a_syntax_error()
    {
        _directory.Write("main.k", "a = (1 +\n");

        var (exitCode, stdout, stderr) = Konfig("kcl", "run", "main.k");

        exitCode.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("error[").And.Contain("main.k:");
    }

    [Fact]
    public void Writes_the_output_file()
    {
        _directory.Write("main.k", "message = \"hello\"\n");

        var (exitCode, stdout, stderr) = Konfig("kcl", "run", "main.k", "-o", "out.yaml");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Should().BeEmpty();
        File.ReadAllText(Path.Combine(_directory.Path, "out.yaml")).Should().Be("message: hello\n");
    }

    [Fact]
    public void Prints_a_value_nested_far_deeper_than_the_main_threads_stack_allows()
    {
        // 135,000 levels of lists: printing them recurses as deep, on the runner's large stack.
        _directory.Write("main.k", "f = lambda n { [] if n == 0 else " + new string('[', 150) + "f(n - 1)" + new string(']', 150) + " }\na = f(900)\n");

        var (exitCode, stdout, stderr) = Konfig("kcl", "run", "main.k");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Count(c => c == '-').Should().Be(135_000);
    }

    [Theory]
    [InlineData("f = lambda n { f(n + 1) }\na = f(0)\n")]
    [InlineData("type A = B\ntype B = A\nx: A = 1\n")]
    public void Exits_1_with_kcls_recursion_error_on_runaway_recursion(string source)
    {
        _directory.Write("main.k", source);

        var (exitCode, _, stderr) = Konfig("kcl", "run", "main.k");

        exitCode.Should().Be(1);
        stderr.Should().Contain("error[E3M38]: EvaluationError").And.Contain("maximum recursion depth exceeded");
    }

    /// <summary>Runs <c>dotnet konfig.dll ARGS</c> in the temporary folder.</summary>
    private (int ExitCode, string Out, string Error) Konfig(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "konfig.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"konfig {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
