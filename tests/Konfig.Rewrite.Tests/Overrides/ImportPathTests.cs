using FluentAssertions;
using Konfig.Rewrite.Overrides;

namespace Konfig.Rewrite.Tests.Overrides;

public sealed class ImportPathTests
{
    [Theory]
    [InlineData("a.b.c", "a.b.c", null)]
    [InlineData("a.b.c as x", "a.b.c", "x")]
    [InlineData("  service   as s ", "service", "s")]
    [InlineData(".values", ".values", null)]
    [InlineData("..up.pkg as p", "..up.pkg", "p")]
    public void Parses_path_and_alias(string text, string path, string? alias)
    {
        var (import, error) = ImportPath.Parse(text);

        error.Should().BeNull();
        import.Should().Be(new ImportPath(path, alias));
    }

    [Fact]
    public void Prints_the_text_kcl_compares_with_existing_imports()
    {
        ImportPath.Parse("service   as s").Import!.ToString().Should().Be("service as s");
        ImportPath.Parse("a.b").Import!.ToString().Should().Be("a.b");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.b as")]
    [InlineData("a b")]
    public void Rejects_what_is_not_an_import_path(string text)
    {
        var (import, error) = ImportPath.Parse(text);

        import.Should().BeNull();
        error.Should().Be($"Invalid import path '{text}', expected <package_path> or <package_path> as <alias>");
    }
}
