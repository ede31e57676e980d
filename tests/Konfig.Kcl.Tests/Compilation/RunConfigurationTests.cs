using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class RunConfigurationTests
{
    [Fact]
    public void Later_settings_files_win_and_options_add_up_with_arguments_last()
    {
        using var folder = new TemporaryFolder();
        folder.Write("config1.yaml", "kcl_cli_configs:\n  disable_none: false\n  debug: true\nkcl_options:\n  - key: key\n    value: value1\n  - key: only1\n    value: 1\n");
        folder.Write("config2.yaml", "kcl_cli_configs:\n  disable_none: true\nkcl_options:\n  - key: key\n    value: value2\n");

        var (configuration, errors) = RunConfiguration.Build(new KclRunOptions
        {
            Files = ["main.k"],
            WorkingDirectory = folder.Path,
            SettingsFiles = ["config1.yaml", "config2.yaml"],
            Arguments = [new("only1", "2"), new("arg", "x")],
        });

        errors.Should().BeEmpty();
        configuration!.DisableNone.Should().BeTrue();
        configuration.Debug.Should().BeTrue();
        configuration.SortKeys.Should().BeFalse();
        ((StringValue)configuration.Options["key"]).Value.Should().Be("value2");
        ((IntValue)configuration.Options["only1"]).Value.Should().Be(2);
        ((StringValue)configuration.Options["arg"]).Value.Should().Be("x");
    }

    [Fact]
    public void Command_line_switches_turn_features_on_over_settings()
    {
        using var folder = new TemporaryFolder();
        folder.Write("s.yaml", "kcl_cli_configs:\n  disable_none: false\n  sort_keys: false\n");
        var (configuration, _) = RunConfiguration.Build(new KclRunOptions
        {
            Files = ["main.k"],
            WorkingDirectory = folder.Path,
            SettingsFiles = ["s.yaml"],
            DisableNone = true,
            SortKeys = true,
        });
        configuration!.DisableNone.Should().BeTrue();
        configuration.SortKeys.Should().BeTrue();
    }

    [Fact]
    public void Files_from_settings_are_relative_to_the_settings_file_unless_the_command_line_has_files()
    {
        using var folder = new TemporaryFolder();
        folder.Write("stack/kcl.yaml", "kcl_cli_configs:\n  file:\n    - ../base/base.k\n    - main.k\n");

        var (fromSettings, _) = RunConfiguration.Build(new KclRunOptions { Files = [], WorkingDirectory = folder.Path, SettingsFiles = ["stack/kcl.yaml"] });
        fromSettings!.Inputs.Should().Equal("../base/base.k", "main.k");
        fromSettings.InputBaseDirectory.Should().Be(folder.Combine("stack"));

        var (fromCommandLine, _) = RunConfiguration.Build(new KclRunOptions { Files = ["x.k"], WorkingDirectory = folder.Path, SettingsFiles = ["stack/kcl.yaml"] });
        fromCommandLine!.Inputs.Should().Equal("x.k");
        fromCommandLine.InputBaseDirectory.Should().Be(folder.Combine("."));
    }

    [Theory]
    [InlineData("", "123")]
    [InlineData("key", "value=")]
    public void Invalid_arguments_are_reported_as_kcl_does(string name, string value)
    {
        var (configuration, errors) = RunConfiguration.Build(new KclRunOptions { Files = ["main.k"], Arguments = [new(name, value)] });
        configuration.Should().BeNull();
        errors.Should().ContainSingle().Which.Message.Should().StartWith("Invalid value for top level arguments");
    }

    [Fact]
    public void The_last_argument_with_a_name_wins()
    {
        var (configuration, _) = RunConfiguration.Build(new KclRunOptions { Files = ["main.k"], Arguments = [new("key", "val"), new("key", "1"), new("key", "2")] });
        ((IntValue)configuration!.Options["key"]).Value.Should().Be(2);
    }
}
