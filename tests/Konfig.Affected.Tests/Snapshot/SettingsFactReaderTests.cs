using FluentAssertions;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Tests.Snapshot;

public sealed class SettingsFactReaderTests
{
    [Fact]
    public void Reads_the_file_list_as_written()
    {
        var facts = SettingsFactReader.Read("kcl_cli_configs:\n  file:\n    - ../base/base.k\n    - main.k\n    - ${KCL_MOD}/base/pkg/platform/render/render.k\nkcl_options:\n  - key: env\n    value: dev\n");

        facts.IsReadable.Should().BeTrue();
        facts.EntranceFiles.Should().Equal("../base/base.k", "main.k", "${KCL_MOD}/base/pkg/platform/render/render.k");
    }

    [Fact]
    public void A_non_empty_files_list_wins_over_file()
    {
        var facts = SettingsFactReader.Read("kcl_cli_configs:\n  file:\n    - a.k\n  files:\n    - b.k\n    - c.k\n");

        facts.EntranceFiles.Should().Equal("b.k", "c.k");
    }

    [Fact]
    public void An_empty_files_list_falls_back_to_file()
    {
        var facts = SettingsFactReader.Read("kcl_cli_configs:\n  files: []\n  file:\n    - a.k\n");

        facts.EntranceFiles.Should().Equal("a.k");
    }

    [Fact]
    public void A_single_scalar_is_one_entrance_file()
    {
        SettingsFactReader.Read("kcl_cli_configs:\n  file: main.k\n").EntranceFiles.Should().Equal("main.k");
    }

    [Theory]
    [InlineData("")]
    [InlineData("kcl_options:\n  - key: env\n    value: dev\n")]
    [InlineData("kcl_cli_configs:\n  strict_range_check: true\n")]
    public void Settings_without_entrance_files_are_readable_and_list_none(string text)
    {
        var facts = SettingsFactReader.Read(text);

        facts.IsReadable.Should().BeTrue();
        facts.EntranceFiles.Should().BeEmpty();
    }

    [Theory]
    [InlineData("kcl_cli_configs:\n  file: [a.k\n")]
    [InlineData("kcl_cli_configs:\n\tfile: a.k\n")]
    [InlineData("- just\n- a list\n")]
    public void Broken_or_non_mapping_yaml_lists_nothing_and_never_throws(string text)
    {
        var facts = SettingsFactReader.Read(text);

        facts.EntranceFiles.Should().BeEmpty();
    }

    [Fact]
    public void Broken_yaml_is_marked_unreadable()
    {
        SettingsFactReader.Read("kcl_cli_configs:\n  file: [a.k\n").IsReadable.Should().BeFalse();
    }
}
