using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Konfig.FakeKube;

/// <summary>
/// The fake server's objects, in memory. Tests inspect it through the public methods (which hand out
/// clones); the server mutates it while holding <see cref="Gate"/>, so a read-modify-write (an apply) is
/// atomic, resourceVersions are one global counter, and watchers see every change in order.
/// </summary>
public sealed class FakeObjectStore
{
    // Enough history for a watch to resume from a recent resourceVersion; older ones get 410 Gone.
    private const int HistoryLimit = 10_000;

    private readonly Dictionary<ObjectKey, JsonObject> objects = [];
    private readonly LinkedList<StoredEvent> history = new();
    private readonly List<Subscriber> subscribers = [];
    private long resourceVersion = 100;

    internal object Gate { get; } = new();

    public int Count
    {
        get
        {
            lock (Gate)
            {
                return objects.Count;
            }
        }
    }

    /// <summary>A copy of the object, or null. <paramref name="namespace"/> is null for cluster-scoped kinds.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? @namespace, string name)
    {
        lock (Gate)
        {
            var key = new ObjectKey(ObjectKey.GroupOf(apiVersion), kind, @namespace ?? "", name);
            return objects.TryGetValue(key, out var found) ? Copy(found) : null;
        }
    }

    /// <summary>Copies of every object, ordered by group, kind, namespace and name.</summary>
    public IReadOnlyList<JsonObject> All()
    {
        lock (Gate)
        {
            return objects
                .OrderBy(pair => pair.Key.Group, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Kind, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
                .Select(pair => Copy(pair.Value))
                .ToList();
        }
    }

    // Through text, so numbers read as any numeric type (GetValue<int> on a stored long would throw).
    private static JsonObject Copy(JsonObject value) => JsonNode.Parse(value.ToJsonString())!.AsObject();

    internal long CurrentResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return resourceVersion;
            }
        }
    }

    // The members below expect the caller to hold Gate.

    internal JsonObject? Find(ObjectKey key) => objects.GetValueOrDefault(key);

    internal IEnumerable<KeyValuePair<ObjectKey, JsonObject>> Query(string group, string kind, string? @namespace) =>
        objects.Where(pair => pair.Key.Group == group && pair.Key.Kind == kind && (@namespace is null || pair.Key.Namespace == @namespace))
            .OrderBy(pair => pair.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
            .ToList();

    internal IEnumerable<KeyValuePair<ObjectKey, JsonObject>> InNamespace(string @namespace) =>
        objects.Where(pair => pair.Key.Namespace == @namespace).ToList();

    internal IEnumerable<KeyValuePair<ObjectKey, JsonObject>> Snapshot() => objects.ToList();

    /// <summary>Stores the object (the store owns it from now on) under a new resourceVersion, and tells watchers.</summary>
    internal StoredEvent Write(ObjectKey key, JsonObject value)
    {
        var type = objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
        var version = ++resourceVersion;
        Metadata(value)["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        objects[key] = value;
        return Publish(new StoredEvent(type, key, (JsonObject)value.DeepClone(), version));
    }

    internal StoredEvent? Remove(ObjectKey key)
    {
        if (!objects.Remove(key, out var removed))
        {
            return null;
        }

        var version = ++resourceVersion;
        Metadata(removed)["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Publish(new StoredEvent("DELETED", key, removed, version));
    }

    /// <summary>
    /// Starts a watch: the events after <paramref name="fromResourceVersion"/> (null: none, the caller sends
    /// the current objects itself), then live ones. Null when that resourceVersion is too old (410 Gone).
    /// </summary>
    internal WatchSubscription? Subscribe(Func<StoredEvent, bool> filter, long? fromResourceVersion)
    {
        var channel = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });
        if (fromResourceVersion is { } from)
        {
            var oldest = history.First?.Value.ResourceVersion;
            if (oldest is { } first && from < first - 1 && history.Count >= HistoryLimit)
            {
                return null;
            }

            foreach (var past in history.Where(e => e.ResourceVersion > from && filter(e)))
            {
                channel.Writer.TryWrite(past with { Object = Copy(past.Object) });
            }
        }

        var subscriber = new Subscriber(filter, channel.Writer);
        subscribers.Add(subscriber);
        return new WatchSubscription(channel.Reader, () =>
        {
            lock (Gate)
            {
                subscribers.Remove(subscriber);
            }

            channel.Writer.TryComplete();
        });
    }

    internal static JsonObject Metadata(JsonObject value)
    {
        if (value["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            value["metadata"] = metadata;
        }

        return metadata;
    }

    private StoredEvent Publish(StoredEvent change)
    {
        history.AddLast(change);
        if (history.Count > HistoryLimit)
        {
            history.RemoveFirst();
        }

        // Each watcher gets its own copy: JSON nodes are not safe to read from several threads at once.
        foreach (var subscriber in subscribers.Where(s => s.Filter(change)))
        {
            subscriber.Writer.TryWrite(change with { Object = Copy(change.Object) });
        }

        return change;
    }

    private sealed record Subscriber(Func<StoredEvent, bool> Filter, ChannelWriter<StoredEvent> Writer);
}
