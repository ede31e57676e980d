using System.Text.RegularExpressions;
using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class KubernetesStateSecretTests
{
    private static readonly Regex Dns1123Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    [Fact]
    public void Names_are_readable_dns_subdomains()
    {
        var name = KubernetesStateStore.SecretName(StateSamples.Key);

        name.Should().MatchRegex("^konfig-state\\.web\\.apps-web-dev\\.[0-9a-f]{12}$");
    }

    [Theory]
    [InlineData("Web_App", "apps/Web App/dev", "https://10.0.0.1:6443")]
    [InlineData("", "", "")]
    [InlineData("---", "///", ":::")]
    [InlineData("ünï", "çødé", "ctx")]
    public void Any_key_gives_a_valid_name(string project, string stack, string cluster)
    {
        var name = KubernetesStateStore.SecretName(new StateKey(project, stack, cluster));

        name.Should().MatchRegex(Dns1123Subdomain.ToString());
        name.Length.Should().BeLessThanOrEqualTo(253);
    }

    [Fact]
    public void Long_keys_stay_within_the_limit()
    {
        var name = KubernetesStateStore.SecretName(new StateKey(new string('p', 500), new string('s', 500), new string('c', 500)));

        name.Length.Should().BeLessThanOrEqualTo(253);
        name.Should().MatchRegex(Dns1123Subdomain.ToString());
    }

    [Fact]
    public void Keys_differing_only_in_what_sanitizing_drops_get_different_names()
    {
        var names = new[]
        {
            new StateKey("web", "apps/web/dev", "a"),
            new StateKey("web", "apps/web/dev", "b"),
            new StateKey("web", "apps-web-dev", "a"),
            new StateKey("Web", "apps/web/dev", "a"),
        }.Select(KubernetesStateStore.SecretName);

        names.Should().OnlyHaveUniqueItems();
    }
}
