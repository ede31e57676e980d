using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// The discovery documents kubectl and clients read first: /version, /api, /api/v1, /apis, /apis/{group},
/// /apis/{group}/{version}; health checks; /openapi/* answers 404 (kubectl then needs --validate=false).
/// Null when the path is not a discovery path.
/// </summary>
internal static class Discovery
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static ApiResult? Answer(string path, ResourceCatalog catalog, string host)
    {
        var trimmed = path.TrimEnd('/');
        var segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["version"] => ApiResult.Ok(Version()),
            ["healthz" or "readyz" or "livez", ..] => ApiResult.Ok(new JsonObject { ["status"] = "ok" }),
            ["openapi", ..] => KubeStatus.PathNotFound(path),
            ["api"] => ApiResult.Ok(CoreVersions(host)),
            ["apis"] => ApiResult.Ok(GroupList(catalog)),
            ["apis", var group] => Group(catalog, group) is { } found ? ApiResult.Ok(found) : KubeStatus.PathNotFound(path),
            ["api", var version] => ResourceList(catalog, "", version, path),
            ["apis", var group, var version] => ResourceList(catalog, group, version, path),
            _ => null,
        };
    }

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-fake+konfig",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private static JsonObject CoreVersions(string host) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = host }),
    };

    private static JsonObject GroupList(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var (group, _) in catalog.Groups().Where(g => g.Group.Length > 0))
        {
            groups.Add(Group(catalog, group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject? Group(ResourceCatalog catalog, string name)
    {
        var versions = catalog.Groups().FirstOrDefault(g => g.Group == name && name.Length > 0).Versions;
        if (versions is null)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static ApiResult ResourceList(ResourceCatalog catalog, string group, string version, string path)
    {
        var types = catalog.InGroupVersion(group, version);
        if (types.Count == 0)
        {
            return KubeStatus.PathNotFound(path);
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var verbs = type.Kind == "Namespace" ? AllVerbs.Where(v => v != "deletecollection") : AllVerbs;
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)v).ToArray()),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(v => (JsonNode?)v).ToArray());
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(type.Categories.Select(v => (JsonNode?)v).ToArray());
            }

            resources.Add(resource);
            if (KubeApi.HasScale(type))
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            resources.Add(new JsonObject
            {
                ["name"] = type.Plural + "/status",
                ["singularName"] = "",
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray("get", "patch", "update"),
            });
        }

        return ApiResult.Ok(new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        });
    }
}
