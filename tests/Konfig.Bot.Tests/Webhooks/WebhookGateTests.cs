using System.Text;
using FluentAssertions;
using Konfig.Bot.Events;
using Konfig.FakeGitHub;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Webhooks;

/// <summary>The gate on GitHub's example deliveries: signature, then JSON, allowlist, classification, replay.</summary>
public sealed class WebhookGateTests
{
    private readonly InMemoryDeliveryLog _log = new();

    private WebhookGate Gate(params string[] allowed) =>
        new(new WebhookVerifier(WebhookExamples.Secret), new RepositoryAllowlist(allowed.Length == 0 ? ["Codertocat/*"] : allowed), _log);

    private static WebhookRequest Opened() => WebhookExamples.Delivery("pull_request", WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "opened"));

    [RequiresGitHubArtifactsFact]
    public void A_signed_delivery_is_accepted_with_its_action()
    {
        var request = Opened();

        var verdict = Gate().Check(request);

        var accepted = verdict.Should().BeOfType<WebhookAccepted>().Subject;
        accepted.StatusCode.Should().Be(202);
        accepted.DeliveryId.Should().Be(request.DeliveryId);
        accepted.Action.Should().BeOfType<PreviewAction>();
        accepted.InstallationId.Should().BeNull("this example comes from a repository webhook");
    }

    [RequiresGitHubArtifactsFact]
    public void An_app_delivery_carries_its_installation()
    {
        var payload = WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "opened" && p["installation"] is not null);

        var accepted = Gate().Check(WebhookExamples.Delivery("pull_request", payload)).Should().BeOfType<WebhookAccepted>().Subject;

        accepted.InstallationId.Should().Be(payload["installation"]!["id"]!.GetValue<long>());
    }

    [RequiresGitHubArtifactsFact]
    public void A_forged_signature_is_401_and_records_nothing()
    {
        var request = Opened();
        var forged = request with { Signature = WebhookVerifier.Sign("guessed secret", request.Body) };

        Gate().Check(forged).Should().Be(new WebhookRejected(401, "the X-Hub-Signature-256 signature does not match the body"));
        Gate().Check(request with { Signature = null }).StatusCode.Should().Be(401);

        // The delivery was not recorded: the genuine one still goes through.
        Gate().Check(request).Should().BeOfType<WebhookAccepted>();
    }

    [RequiresGitHubArtifactsFact]
    public void A_body_changed_after_signing_is_401()
    {
        var request = Opened();
        var body = Encoding.UTF8.GetString(request.Body).Replace("\"opened\"", "\"closed\"", StringComparison.Ordinal);

        Gate().Check(request with { Body = Encoding.UTF8.GetBytes(body) }).StatusCode.Should().Be(401);
    }

    [RequiresGitHubArtifactsFact]
    public void A_replayed_delivery_is_ignored()
    {
        var request = Opened();
        Gate().Check(request).Should().BeOfType<WebhookAccepted>();

        var replay = Gate().Check(request);

        replay.Should().Be(new WebhookRejected(202, $"ignored: delivery {request.DeliveryId} was already received"));
    }

    [RequiresGitHubArtifactsFact]
    public void A_repository_outside_the_allowlist_is_ignored()
    {
        Gate("acme/*").Check(Opened()).Should().Be(new WebhookRejected(202, "ignored: repository 'Codertocat/Hello-World' is not in the allowlist"));
    }

    [Fact]
    public void Malformed_json_signed_correctly_is_400()
    {
        var body = Encoding.UTF8.GetBytes("{\"action\": ");
        var request = new WebhookRequest("pull_request", "d1", WebhookVerifier.Sign(WebhookExamples.Secret, body), body);

        var verdict = Gate().Check(request);

        verdict.Should().BeOfType<WebhookRejected>().Which.Code.Should().Be(400);
        ((WebhookRejected)verdict).Reason.Should().StartWith("the body is not valid JSON");
    }

    [Fact]
    public void Missing_event_or_delivery_headers_are_400_naming_them()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var signature = WebhookVerifier.Sign(WebhookExamples.Secret, body);

        Gate().Check(new WebhookRequest(null, "d1", signature, body)).Should().Be(new WebhookRejected(400, "the X-GitHub-Event header is missing"));
        Gate().Check(new WebhookRequest("push", "", signature, body)).Should().Be(new WebhookRejected(400, "the X-GitHub-Delivery header is missing"));
    }

    [RequiresGitHubArtifactsFact]
    public void A_payload_missing_a_needed_field_is_400_naming_the_field_and_not_recorded()
    {
        var payload = WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "opened");
        payload["pull_request"]!.AsObject().Remove("head");
        var request = WebhookExamples.Delivery("pull_request", payload, "d-broken");

        Gate().Check(request).Should().Be(new WebhookRejected(400, "payload field 'pull_request.head.sha' is missing (expected a string)"));
        _log.TryRecord("d-broken").Should().BeTrue();
    }

    [RequiresGitHubArtifactsFact]
    public void An_event_the_bot_does_not_act_on_is_ignored()
    {
        var labeled = WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "labeled");

        Gate().Check(WebhookExamples.Delivery("pull_request", labeled)).Should()
            .Be(new WebhookRejected(202, "ignored: pull_request action 'labeled' needs no preview"));
    }
}
