namespace Konfig.Bot.Webhooks;

/// <summary>
/// A webhook delivery as received: <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>,
/// <c>X-Hub-Signature-256</c> and the raw body bytes (the signature covers exactly these bytes).
/// </summary>
public sealed record WebhookRequest(string? Event, string? DeliveryId, string? Signature, byte[] Body)
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";
}
