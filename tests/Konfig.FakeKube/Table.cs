using System.Globalization;
using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// Server-side printing: kubectl's <c>get</c> asks for a meta.k8s.io Table (Accept: …;as=Table) and prints its
/// columns. Ours are NAME and AGE, plus STATUS for Namespaces and READY for workloads.
/// </summary>
internal static class Table
{
    public static JsonObject Of(ResourceType type, IReadOnlyList<JsonObject> items, string? resourceVersion, TimeProvider clock)
    {
        var columns = new JsonArray(Column("Name", "string", "name", "Name must be unique within a namespace."));
        var extra = ExtraColumn(type.Kind);
        if (extra is not null)
        {
            columns.Add(Column(extra.Value.Name, "string", "", extra.Value.Name));
        }

        columns.Add(Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created."));
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray(item["metadata"]?["name"].AsString());
            if (extra is not null)
            {
                cells.Add(extra.Value.Read(item));
            }

            cells.Add(Age(item, clock));
            rows.Add(new JsonObject { ["cells"] = cells, ["object"] = item });
        }

        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static (string Name, Func<JsonObject, string> Read)? ExtraColumn(string kind) => kind switch
    {
        "Namespace" => ("Status", item => item["status"]?["phase"].AsString() ?? ""),
        "Deployment" or "StatefulSet" or "ReplicaSet" => ("Ready", item =>
            $"{Number(item["status"]?["readyReplicas"])}/{Number(item["spec"]?["replicas"], 1)}"),
        "Pod" => ("Status", item => item["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"].AsString()
            ?? item["status"]?["phase"].AsString() ?? ""),
        _ => null,
    };

    private static long Number(JsonNode? node, long fallback = 0) => JsonValues.AsLong(node) ?? fallback;

    private static JsonObject Column(string name, string type, string format, string description) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = 0,
    };

    private static string Age(JsonObject item, TimeProvider clock)
    {
        var created = item["metadata"]?["creationTimestamp"].AsString();
        if (created is null || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "<unknown>";
        }

        var age = clock.GetUtcNow() - at;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : $"{(int)age.TotalHours}h";
    }
}
