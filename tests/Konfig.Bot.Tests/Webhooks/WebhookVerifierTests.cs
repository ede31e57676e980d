using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Webhooks;

public sealed class WebhookVerifierTests
{
    // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    private const string DocumentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("Hello, World!");

    private readonly WebhookVerifier _verifier = new("It's a Secret to Everybody");

    [Fact]
    public void GitHubs_documented_example_signature_is_valid()
    {
        _verifier.Verify(Hello, DocumentedSignature).Should().BeNull();
        WebhookVerifier.Sign("It's a Secret to Everybody", Hello).Should().Be(DocumentedSignature);
    }

    [Fact]
    public void A_changed_body_fails()
    {
        _verifier.Verify(Encoding.UTF8.GetBytes("Hello, World?"), DocumentedSignature).Should().Contain("does not match");
    }

    [Fact]
    public void Another_secret_fails()
    {
        new WebhookVerifier("another secret").Verify(Hello, DocumentedSignature).Should().Contain("does not match");
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("", "missing")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "64 hex digits")]
    [InlineData("sha256=757107ea", "64 hex digits")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "64 hex digits")]
    public void A_missing_or_malformed_header_fails_naming_it(string? header, string reason)
    {
        var problem = _verifier.Verify(Hello, header);

        problem.Should().Contain("X-Hub-Signature-256").And.Contain(reason);
    }

    [Fact]
    public void Upper_case_hex_is_the_same_signature()
    {
        _verifier.Verify(Hello, "sha256=" + DocumentedSignature["sha256=".Length..].ToUpperInvariant()).Should().BeNull();
    }

    [Fact]
    public void Every_byte_of_the_body_counts()
    {
        var body = RandomNumberGenerator.GetBytes(4096);
        var signature = WebhookVerifier.Sign("It's a Secret to Everybody", body);
        body[^1] ^= 1;

        _verifier.Verify(body, signature).Should().NotBeNull();
    }
}
