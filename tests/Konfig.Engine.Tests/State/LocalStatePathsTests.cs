using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class LocalStatePathsTests
{
    [Theory]
    [InlineData("web", "web")]
    [InlineData("apps/web/dev", "apps%2Fweb%2Fdev")]
    [InlineData("kind-dev", "kind-dev")]
    [InlineData("https://10.0.0.1:6443", "https%3A%2F%2F10.0.0.1%3A6443")]
    [InlineData("Prod", "%50rod")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData("con", "%63on")]
    [InlineData("nul.x", "%6Eul.x")]
    [InlineData("", "%")]
    [InlineData("é", "%C3%A9")]
    public void Encodes_a_key_part_into_a_safe_name(string segment, string expected)
    {
        LocalStatePaths.Encode(segment).Should().Be(expected);
    }

    [Fact]
    public void Distinct_keys_never_share_a_file()
    {
        var segments = new[] { "a/b", "a%2Fb", "a:b", "A:b", "a_b", "a.b", "a%3Ab", "A", "a", "%41", "", "%" };

        segments.Select(LocalStatePaths.Encode).Should().OnlyHaveUniqueItems();
        segments.Select(s => LocalStatePaths.Encode(s).ToUpperInvariant()).Should().OnlyHaveUniqueItems("case-insensitive file systems");
    }

    [Fact]
    public void Long_names_are_cut_with_a_hash_that_keeps_them_apart()
    {
        var longA = "https://" + new string('a', 300) + ".example.com:6443";
        var longB = "https://" + new string('a', 300) + ".example.org:6443";

        var a = LocalStatePaths.Encode(longA);
        var b = LocalStatePaths.Encode(longB);

        a.Length.Should().Be(LocalStatePaths.MaxReadableLength);
        a.Should().StartWith("https%3A%2F%2Faaa").And.Contain("~");
        a.Should().NotBe(b);
    }
}
