using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>One change in the store, as a watch reports it: ADDED, MODIFIED or DELETED, with the object then.</summary>
internal sealed record StoredEvent(string Type, ObjectKey Key, JsonObject Object, long ResourceVersion);
