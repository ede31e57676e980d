using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.GitHub;

namespace Konfig.Bot.Tests.GitHub;

/// <summary>The App JWT's claims and the client's option checks: no server needed.</summary>
public sealed class AppJwtAndOptionsTests
{
    [Fact]
    public void The_app_jwt_is_issued_a_minute_ago_and_lasts_ten_minutes_in_all()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        var parts = AppJwt.Create(42, key, now).Split('.');

        var claims = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        claims["iss"]!.GetValue<string>().Should().Be("42");
        claims["iat"]!.GetValue<long>().Should().Be(now.ToUnixTimeSeconds() - 60);
        claims["exp"]!.GetValue<long>().Should().Be(now.ToUnixTimeSeconds() + 540);
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Should().BeTrue();
    }

    [Fact]
    public void Bad_options_are_errors_naming_the_field()
    {
        var noToken = () => new OctokitGitHubApi(new GitHubApiOptions { Credentials = new PersonalTokenCredentials("") });
        var badKey = () => new OctokitGitHubApi(new GitHubApiOptions { Credentials = new GitHubAppCredentials(1, "not a key", 2) });
        var noInstallation = () => new OctokitGitHubApi(new GitHubApiOptions { Credentials = new GitHubAppCredentials(1, "k", 0) });

        noToken.Should().Throw<ArgumentException>().WithMessage("*Credentials.Token*");
        badKey.Should().Throw<ArgumentException>().WithMessage("Credentials.PrivateKeyPem is not an RSA private key in PEM form*");
        noInstallation.Should().Throw<ArgumentException>().WithMessage("*Credentials.InstallationId*");
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
