using System.Text.Json;
using System.Text.Json.Nodes;
using Konfig.Bot.Events;

namespace Konfig.Bot.Webhooks;

/// <summary>What the gate decided about one delivery.</summary>
public abstract record WebhookVerdict(int StatusCode);

/// <summary>
/// A delivery to act on (answer 202 and do the work in the background). <see cref="InstallationId"/> is the
/// GitHub App installation that sent it (for its token), null for a repository webhook.
/// </summary>
public sealed record WebhookAccepted(string Event, string DeliveryId, JsonObject Payload, BotAction Action, long? InstallationId) : WebhookVerdict(202);

/// <summary>
/// A delivery to answer and drop: 401 for a missing or bad signature, 400 for a malformed delivery,
/// 202 for one that is fine but ignored (a repository not allowed, a replayed delivery, an event the bot
/// does not act on). <see cref="Reason"/> says which, naming the header or field.
/// </summary>
public sealed record WebhookRejected(int Code, string Reason) : WebhookVerdict(Code);

/// <summary>
/// Everything a delivery must pass before the bot acts, in order: the signature over the raw body (before
/// anything is parsed), the headers and JSON, the repository allowlist, the classification into an action,
/// and last the delivery log, so a delivery is recorded only once it is known good and actionable.
/// </summary>
public sealed class WebhookGate(WebhookVerifier verifier, RepositoryAllowlist allowlist, IDeliveryLog deliveries)
{
    public WebhookVerdict Check(WebhookRequest request)
    {
        if (verifier.Verify(request.Body, request.Signature) is { } signatureProblem)
        {
            return new WebhookRejected(401, signatureProblem);
        }

        if (string.IsNullOrWhiteSpace(request.Event))
        {
            return new WebhookRejected(400, $"the {WebhookRequest.EventHeader} header is missing");
        }

        if (string.IsNullOrWhiteSpace(request.DeliveryId))
        {
            return new WebhookRejected(400, $"the {WebhookRequest.DeliveryHeader} header is missing");
        }

        JsonObject payload;
        try
        {
            if (JsonNode.Parse(request.Body) is not JsonObject root)
            {
                return new WebhookRejected(400, "the body is not a JSON object");
            }

            payload = root;
        }
        catch (JsonException e)
        {
            return new WebhookRejected(400, $"the body is not valid JSON: {e.Message}");
        }

        // Events without a repository (installation, marketplace…) are not for a repository's bot.
        if (payload["repository"]?["full_name"] is not JsonValue name || !name.TryGetValue<string>(out var repository))
        {
            return new WebhookRejected(202, $"ignored: '{request.Event}' event without repository.full_name");
        }

        if (!allowlist.Allows(repository))
        {
            return new WebhookRejected(202, $"ignored: repository '{repository}' is not in the allowlist");
        }

        BotAction action;
        try
        {
            action = EventClassifier.Classify(request.Event, payload);
        }
        catch (PayloadException e)
        {
            return new WebhookRejected(400, e.Message);
        }

        if (action is IgnoredAction ignored)
        {
            return new WebhookRejected(202, $"ignored: {ignored.Reason}");
        }

        if (!deliveries.TryRecord(request.DeliveryId))
        {
            return new WebhookRejected(202, $"ignored: delivery {request.DeliveryId} was already received");
        }

        var installation = payload["installation"]?["id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number : (long?)null;
        return new WebhookAccepted(request.Event, request.DeliveryId, payload, action, installation);
    }
}
