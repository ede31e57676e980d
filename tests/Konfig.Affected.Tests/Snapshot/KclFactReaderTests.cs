using FluentAssertions;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Tests.Snapshot;

public sealed class KclFactReaderTests
{
    [Fact]
    public void Reads_absolute_and_relative_imports_as_written()
    {
        var facts = KclFactReader.Read("a.k", "import base.pkg.platform.frontend\nimport .sub\nimport ..up.pkg as up\n\napp = frontend.Application {}\n");

        facts.Imports.Should().Equal("base.pkg.platform.frontend", ".sub", "..up.pkg");
        facts.FileReads.Should().BeEmpty();
        facts.HasDynamicFileAccess.Should().BeFalse();
    }

    [Fact]
    public void A_literal_file_read_is_a_named_read()
    {
        var facts = KclFactReader.Read("a.k", "import file\n\ndata = file.read(\"../data/motd.txt\")\nkey = file.readbase64('key.pem')\n");

        facts.Imports.Should().Equal("file");
        facts.FileReads.Should().Equal("../data/motd.txt", "key.pem");
        facts.HasDynamicFileAccess.Should().BeFalse();
    }

    [Fact]
    public void An_aliased_file_module_is_followed()
    {
        var facts = KclFactReader.Read("a.k", "import file as f\n\ndata = f.read(\"values.json\")\n");

        facts.FileReads.Should().Equal("values.json");
    }

    [Theory]
    [InlineData("_name = \"x.json\"\ndata = file.read(_name)\n")]
    [InlineData("env = \"dev\"\ndata = file.read(\"${env}.json\")\n")]
    [InlineData("data = file.read(\"a\" + \".json\")\n")]
    [InlineData("files = file.glob(\"*.yaml\")\n")]
    [InlineData("reader = file.read\n")]
    public void File_access_no_literal_names_is_dynamic(string body)
    {
        var facts = KclFactReader.Read("a.k", "import file\n\n" + body);

        facts.HasDynamicFileAccess.Should().BeTrue();
        facts.FileReads.Should().BeEmpty();
    }

    [Fact]
    public void A_read_through_another_modules_member_named_file_is_not_file_access()
    {
        var facts = KclFactReader.Read("a.k", "import file\nimport base.pkg.util\n\ndata = util.file.read(_x)\n");

        facts.HasDynamicFileAccess.Should().BeFalse();
    }

    [Fact]
    public void Without_importing_the_file_module_nothing_is_file_access()
    {
        var facts = KclFactReader.Read("a.k", "schema File:\n    read: str\n\nfile = File {read = \"x\"}\nvalue = file.read\n");

        facts.FileReads.Should().BeEmpty();
        facts.HasDynamicFileAccess.Should().BeFalse();
    }

    [Fact]
    public void A_file_with_syntax_errors_still_gives_the_imports_before_them()
    {
        var facts = KclFactReader.Read("a.k", "import base.pkg.platform.sizes\nimport base.pkg.platform.meta\n\nschema Broken\n    x: = \n");

        facts.Imports.Should().Contain(["base.pkg.platform.sizes", "base.pkg.platform.meta"]);
    }

    [Theory]
    [InlineData("\"plain.txt\"", "plain.txt")]
    [InlineData("'single.txt'", "single.txt")]
    [InlineData("r\"raw\\path.txt\"", "raw\\path.txt")]
    [InlineData("\"esc\\n.txt\"", null)]
    [InlineData("\"${x}.txt\"", null)]
    [InlineData("\"\"\"multi.txt\"\"\"", null)]
    public void Only_plain_one_line_literals_have_a_value(string token, string? expected)
    {
        KclFactReader.PlainStringValue(token).Should().Be(expected);
    }
}
