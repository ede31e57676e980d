using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class SettingsFileReaderTests
{
    [Fact]
    public void Reads_cli_configs_and_options()
    {
        const string text = """
            kcl_cli_configs:
              file:
                - main.k
              disable_none: true
              strict_range_check: false
              sort_keys: true
              path_selector: [a.b]
              err_key: true
            kcl_options:
              - key: env
                value: TEST
              - key: ports
                value: [80, 8080]
              - key: meta
                value:
                  id: '000123'
                  replicas: 2
                  ratio: 0.5
                  on: true
                  empty: null
            """;

        var (file, error) = SettingsFileReader.Parse("s.yaml", "/w/s.yaml", text);

        error.Should().BeNull();
        file!.Files.Should().Equal("main.k");
        file.DisableNone.Should().BeTrue();
        file.StrictRangeCheck.Should().BeFalse();
        file.SortKeys.Should().BeTrue();
        file.Debug.Should().BeNull();
        file.PathSelectors.Should().Equal("a.b");
        file.Options.Select(o => o.Key).Should().Equal("env", "ports", "meta");
        file.Options[0].Value.Should().BeOfType<StringValue>().Which.Value.Should().Be("TEST");
        file.Options[1].Value.Should().BeOfType<ListValue>().Which.Items.Cast<IntValue>().Select(i => i.Value).Should().Equal(80, 8080);
        var meta = file.Options[2].Value.Should().BeOfType<DictValue>().Subject;
        meta.Keys.Should().Equal("id", "replicas", "ratio", "on", "empty");
        meta["id"].Should().BeOfType<StringValue>().Which.Value.Should().Be("000123");
        meta["replicas"].Should().BeOfType<IntValue>().Which.Value.Should().Be(2);
        meta["ratio"].Should().BeOfType<FloatValue>().Which.Value.Should().Be(0.5);
        meta["on"].Should().BeSameAs(BoolValue.True);
        meta["empty"].Should().BeSameAs(NoneValue.Instance);
    }

    [Fact]
    public void Files_wins_over_file_when_not_empty()
    {
        var (file, _) = SettingsFileReader.Parse("s.yaml", "/w/s.yaml", "kcl_cli_configs:\n  file: [a.k]\n  files: [b.k]\n");
        file!.Files.Should().Equal("b.k");
        (file, _) = SettingsFileReader.Parse("s.yaml", "/w/s.yaml", "kcl_cli_configs:\n  file: [a.k]\n  files: []\n");
        file!.Files.Should().Equal("a.k");
    }

    [Theory]
    [InlineData("")]
    [InlineData("kcl_cli_configs:")]
    [InlineData("kcl_options:")]
    [InlineData("other: 1")]
    public void Empty_sections_are_valid(string text)
    {
        var (file, error) = SettingsFileReader.Parse("s.yaml", "/w/s.yaml", text);
        error.Should().BeNull();
        file!.Options.Should().BeEmpty();
        file.Files.Should().BeNull();
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData(":2", 1)]
    [InlineData("kcl_options:\n  key: key\n  value: value", 2)]
    [InlineData("kcl_options:\n  - key", 2)]
    [InlineData("kcl_options:\n  - key: k", 2)]
    [InlineData("kcl_cli_configs:\n  debug: maybe", 2)]
    [InlineData("kcl_cli_configs:\n  file: main.k", 2)]
    [InlineData("\"", 1)]
    public void Malformed_files_are_reported_as_kcl_does_with_file_and_line(string text, int line)
    {
        var (file, error) = SettingsFileReader.Parse("temp.yaml", "/w/temp.yaml", text);

        file.Should().BeNull();
        error!.Kind.Should().Be("EvaluationError");
        error.Message.Should().StartWith("Failed to load 'temp.yaml', invalid setting file format");
        error.Message.Should().Contain("line ");
        error.Labels.Should().HaveCount(2);
        error.Labels[1].Location!.File.Path.Should().Be("/w/temp.yaml");
        error.Labels[1].Location!.Line.Should().BeGreaterThanOrEqualTo(1).And.BeLessThanOrEqualTo(line + 1);
    }

    [Fact]
    public void Input_the_yaml_scanner_chokes_on_is_still_a_diagnostic()
    {
        var (file, error) = SettingsFileReader.Parse("temp.yaml", "/w/temp.yaml", "a: [1,\nb: 2\n");
        file.Should().BeNull();
        error!.Message.Should().StartWith("Failed to load 'temp.yaml', invalid setting file format");
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var (file, error) = SettingsFileReader.Read("nope.yaml", "/definitely/not/here/nope.yaml");
        file.Should().BeNull();
        error!.Message.Should().Contain("'nope.yaml'");
    }
}
