namespace Konfig.Bot.Webhooks;

/// <summary>
/// The deliveries already taken, by <c>X-GitHub-Delivery</c>: GitHub redelivers on timeouts and people
/// redeliver by hand, and a delivery must be acted on once. Storage implements it persistently.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>Records the delivery; false when it was recorded before (a replay).</summary>
    bool TryRecord(string deliveryId);
}

/// <summary>
/// An in-process delivery log that remembers the most recent <c>capacity</c> deliveries: enough for
/// GitHub's redeliveries, which come within hours, without growing for ever.
/// </summary>
public sealed class InMemoryDeliveryLog : IDeliveryLog
{
    private readonly int _capacity;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public InMemoryDeliveryLog(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public bool TryRecord(string deliveryId)
    {
        lock (_lock)
        {
            if (!_seen.Add(deliveryId))
            {
                return false;
            }

            _order.Enqueue(deliveryId);
            if (_order.Count > _capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
