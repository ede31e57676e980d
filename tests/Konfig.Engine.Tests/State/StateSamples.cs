using System.Text.Json.Nodes;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

internal static class StateSamples
{
    public static readonly StateKey Key = new("web", "apps/web/dev", "https://10.0.0.1:6443");

    public static StackState State(long serial, StateKey? key = null, int resources = 2) => new()
    {
        Key = key ?? Key,
        Tenant = "acme",
        Serial = serial,
        CreatedAt = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero).AddMinutes(serial),
        Resources = Enumerable.Range(0, resources).Select(i => new StateResource(
            $"apps/v1:Deployment:web:app{i}",
            "Kubernetes",
            new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = new JsonObject { ["name"] = $"app{i}", ["namespace"] = "web" },
                ["spec"] = new JsonObject { ["replicas"] = i + 1, ["note"] = "ünïcode <&> \"quoted\"" },
            },
            i == 0 ? [] : ["v1:Namespace:web"])).ToList(),
    };

    /// <summary>States compare field by field; attributes by their JSON text (JsonObject has no value equality).</summary>
    public static string Canonical(StackState state) => StateSerializer.Serialize(state);
}
