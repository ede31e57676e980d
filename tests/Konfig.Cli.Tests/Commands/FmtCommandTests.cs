using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

public sealed class FmtCommandTests : IDisposable
{
    private const string Unformatted = "a={\"k\":1}\nb =  2\n";
    private const string Formatted = "a = {\"k\": 1}\nb = 2\n";

    private readonly TemporaryFolder _folder = new();

    public FmtCommandTests() => _folder.Write(".editorconfig", "root = true\n");

    public void Dispose() => _folder.Dispose();

    private (int ExitCode, string Out, string Error) Fmt(params string[] args) =>
        CliHarness.Run(_folder.Path, KclRunner.Run, ["fmt", .. args]);

    private string Read(string relativePath) => File.ReadAllText(_folder.Combine(relativePath));

    [Fact]
    public void Formats_every_k_file_below_the_current_folder_and_prints_the_changed_ones()
    {
        _folder.Write("app/main.k", Unformatted);
        _folder.Write("app/ok.k", Formatted);
        _folder.Write("base/lib.k", Unformatted);
        _folder.Write("notes.txt", Unformatted);
        _folder.Write(".hidden/skip.k", Unformatted);
        _folder.Write("app/bin/skip.k", Unformatted);
        _folder.Write("app/obj/skip.k", Unformatted);
        var untouched = File.GetLastWriteTimeUtc(_folder.Combine("app/ok.k"));

        var (exitCode, stdout, stderr) = Fmt();

        exitCode.Should().Be(0);
        stderr.Should().BeEmpty();
        stdout.Should().Be("app/main.k\nbase/lib.k\n");
        Read("app/main.k").Should().Be(Formatted);
        Read("base/lib.k").Should().Be(Formatted);
        Read("notes.txt").Should().Be(Unformatted);
        Read(".hidden/skip.k").Should().Be(Unformatted);
        Read("app/bin/skip.k").Should().Be(Unformatted);
        Read("app/obj/skip.k").Should().Be(Unformatted);
        File.GetLastWriteTimeUtc(_folder.Combine("app/ok.k")).Should().Be(untouched);
        _folder.Files().Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_byte_order_mark_stays_when_the_file_is_reformatted()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        File.WriteAllBytes(_folder.Combine("main.k"), [.. bom, .. System.Text.Encoding.UTF8.GetBytes(Unformatted)]);

        Fmt("main.k").ExitCode.Should().Be(0);

        File.ReadAllBytes(_folder.Combine("main.k")).Should().Equal([.. bom, .. System.Text.Encoding.UTF8.GetBytes(Formatted)]);
    }

    [Fact]
    public void A_crlf_file_keeps_its_line_breaks_unless_editorconfig_names_others()
    {
        _folder.Write("win/main.k", Unformatted.ReplaceLineEndings("\r\n"));
        _folder.Write("unix/main.k", Unformatted.ReplaceLineEndings("\r\n"));
        _folder.Write("unix/.editorconfig", "[*.k]\nend_of_line = lf\n");

        Fmt().ExitCode.Should().Be(0);

        Read("win/main.k").Should().Be(Formatted.ReplaceLineEndings("\r\n"));
        Read("unix/main.k").Should().Be(Formatted);
        Fmt("--check").ExitCode.Should().Be(0, "a second run finds nothing to change");
    }

    [Fact]
    public void Check_writes_nothing_lists_the_files_that_would_change_and_fails()
    {
        _folder.Write("main.k", Unformatted);
        _folder.Write("ok.k", Formatted);

        var (exitCode, stdout, stderr) = Fmt("--check");

        exitCode.Should().Be(1);
        stdout.Should().Be("main.k\n");
        stderr.Should().BeEmpty();
        Read("main.k").Should().Be(Unformatted);
    }

    [Fact]
    public void Check_passes_when_everything_is_formatted()
    {
        _folder.Write("ok.k", Formatted);

        var (exitCode, stdout, _) = Fmt("--check");

        exitCode.Should().Be(0);
        stdout.Should().BeEmpty();
    }

    [Fact]
    public void A_file_with_syntax_errors_is_reported_and_untouched_while_the_others_are_formatted()
    {
        _folder.Write("bad.k", "a = {\n");
        _folder.Write("good.k", Unformatted);

        var (exitCode, stdout, stderr) = Fmt();

        exitCode.Should().Be(1);
        stdout.Should().Be("good.k\n");
        stderr.Should().MatchRegex(@"^bad\.k:\d+:\d+: .+\n");
        Read("bad.k").Should().Be("a = {\n");
        Read("good.k").Should().Be(Formatted);
    }

    [Fact]
    public void Paths_may_name_files_and_folders_and_missing_ones_are_reported()
    {
        _folder.Write("one.k", Unformatted);
        _folder.Write("dir/two.k", Unformatted);
        _folder.Write("three.k", Unformatted);

        var (exitCode, stdout, stderr) = Fmt("one.k", "dir", "nope.k");

        exitCode.Should().Be(1);
        stdout.Should().Be("dir/two.k\none.k\n");
        stderr.Should().Be("nope.k: no such file or directory\n");
        Read("three.k").Should().Be(Unformatted);
    }

    [Fact]
    public void Linked_folders_are_not_followed()
    {
        _folder.Write("app/main.k", Unformatted);
        Directory.CreateSymbolicLink(_folder.Combine("app/loop"), _folder.Path);

        var (exitCode, stdout, _) = Fmt("--check");

        exitCode.Should().Be(1);
        stdout.Should().Be("app/main.k\n");
    }

    [Fact]
    public void Indentation_comes_from_the_editorconfig()
    {
        _folder.Write(".editorconfig", "root = true\n[*.k]\nindent_size = 2\n[tabs/*.k]\nindent_style = tab\n");
        _folder.Write("two.k", "x = {\n    a: 1\n}\n");
        _folder.Write("tabs/tab.k", "x = {\n    a: 1\n}\n");

        var (exitCode, _, _) = Fmt();

        exitCode.Should().Be(0);
        Read("two.k").Should().Be("x = {\n  a: 1\n}\n");
        Read("tabs/tab.k").Should().Be("x = {\n\ta: 1\n}\n");
    }
}
