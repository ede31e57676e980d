namespace Konfig.Bot.Events;

/// <summary>A webhook payload without a field the bot needs, or with the wrong type; <see cref="Field"/> is its JSON path.</summary>
public sealed class PayloadException(string field, string message) : Exception($"payload field '{field}' {message}")
{
    public string Field { get; } = field;
}
