using FluentAssertions;
using Konfig.Bot.Rewrites;

namespace Konfig.Bot.Tests.Rewrites;

public sealed class GitHubRepositoryNameTests
{
    [Theory]
    [InlineData("https://github.com/acme/infra.git", "acme", "infra")]
    [InlineData("https://github.com/acme/infra", "acme", "infra")]
    [InlineData("git@github.com:acme/infra.git", "acme", "infra")]
    [InlineData("ssh://git@github.example.com/acme/my.repo.git", "acme", "my.repo")]
    public void Reads_owner_and_name_from_a_remote_url(string url, string owner, string name) =>
        GitHubRepositoryName.FromRemoteUrl(url).Should().Be((owner, name));

    [Theory]
    [InlineData("/srv/git/infra.git")]
    [InlineData("file:///srv/git/infra")]
    public void A_local_remote_names_no_github_repository(string url) =>
        GitHubRepositoryName.FromRemoteUrl(url).Should().BeNull();

    [Theory]
    [InlineData("acme/infra", true)]
    [InlineData("acme", false)]
    [InlineData("acme/infra/extra", false)]
    public void Owner_slash_name_is_required(string text, bool valid) =>
        GitHubRepositoryName.Parse(text).HasValue.Should().Be(valid);
}
