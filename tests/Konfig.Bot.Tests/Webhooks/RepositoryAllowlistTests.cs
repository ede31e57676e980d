using FluentAssertions;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Webhooks;

public sealed class RepositoryAllowlistTests
{
    [Fact]
    public void Names_match_case_insensitively_and_owner_star_matches_every_repository_of_the_owner()
    {
        var allowlist = new RepositoryAllowlist(["Codertocat/Hello-World", "acme/*"]);

        allowlist.Allows("codertocat/hello-world").Should().BeTrue();
        allowlist.Allows("Codertocat/Other").Should().BeFalse();
        allowlist.Allows("ACME/anything").Should().BeTrue();
        allowlist.Allows("acme-corp/anything").Should().BeFalse();
        allowlist.Allows("acme").Should().BeFalse();
    }

    [Fact]
    public void An_empty_allowlist_allows_nothing()
    {
        new RepositoryAllowlist([]).Allows("a/b").Should().BeFalse();
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("owner/")]
    [InlineData("*/name")]
    [InlineData("a/b/c")]
    [InlineData("owner/na me")]
    [InlineData("owner/..")]
    public void A_bad_pattern_is_refused_naming_it(string pattern)
    {
        var create = () => new RepositoryAllowlist(["ok/ok", pattern]);

        create.Should().Throw<ArgumentException>().WithMessage($"*'{pattern}'*");
    }
}
