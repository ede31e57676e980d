using System.Threading.Channels;

namespace Konfig.FakeKube;

/// <summary>A live watch on the store: its events, and how to stop it.</summary>
internal sealed class WatchSubscription(ChannelReader<StoredEvent> events, Action stop) : IDisposable
{
    public ChannelReader<StoredEvent> Events { get; } = events;

    public void Dispose() => stop();
}
