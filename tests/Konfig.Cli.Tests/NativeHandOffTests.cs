using FluentAssertions;

namespace Konfig.Cli.Tests;

/// <summary>
/// The native build's hand-off to the .NET build in lib/: tested with a stand-in executable, since these
/// tests run on .NET (build/publish.sh checks the real native build once published).
/// </summary>
public sealed class NativeHandOffTests : IDisposable
{
    private readonly TemporaryFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Passes_the_arguments_and_returns_the_exit_code_of_the_dotnet_build()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The stand-in is a shell script.
        }

        var record = Path.Combine(_directory.Path, "arguments.txt");
        var managed = _directory.Write("lib/konfig", $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{record}'\nexit 3\n");
        File.SetUnixFileMode(managed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var error = new StringWriter();

        var exitCode = NativeHandOff.Run(["apply", "apps/web/dev", "--yes", "a b"], managed, error);

        exitCode.Should().Be(3);
        File.ReadAllLines(record).Should().Equal("apply", "apps/web/dev", "--yes", "a b");
        error.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Says_what_is_missing_when_the_dotnet_build_is_not_beside_it()
    {
        var managed = NativeHandOff.ManagedBuildPath(_directory.Path);
        var error = new StringWriter();

        var exitCode = NativeHandOff.Run(["affected", "--base", "main"], managed, error);

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        error.ToString().Should().Contain("'affected' needs the .NET build").And.Contain(managed);
    }

    [Fact]
    public void Runs_every_command_itself_on_dotnet()
    {
        NativeHandOff.Applies(["apply", "apps/web/dev"]).Should().BeFalse("only a NativeAOT build hands commands over");
        NativeHandOff.ManagedCommands.Should().NotContain(["kcl", "compile", "test", "ls"]);
    }
}
