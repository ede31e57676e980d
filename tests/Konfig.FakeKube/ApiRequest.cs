using Microsoft.AspNetCore.Http;

namespace Konfig.FakeKube;

/// <summary>
/// A resource request, parsed from its path: <c>/api/v1/…</c> or <c>/apis/{group}/{version}/…</c>, then
/// <c>[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]</c>. Null when the path is not one.
/// </summary>
internal sealed record ApiRequest(string Group, string Version, ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public static ApiRequest? Parse(PathString path, ResourceCatalog catalog, out string group, out string version)
    {
        group = "";
        version = "";
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            version = segments[1];
            rest = 2;
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            group = segments[1];
            version = segments[2];
            rest = 3;
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        if (tail.Length == 0)
        {
            return null; // Discovery answers /api/v1 and /apis/{group}/{version} before this.
        }

        string? @namespace = null;
        if (tail.Length >= 3 && tail[0] == "namespaces" && catalog.ByResource(group, version, tail[2]) is { Namespaced: true })
        {
            @namespace = tail[1];
            tail = tail[2..];
        }

        if (tail.Length > 3 || catalog.ByResource(group, version, tail[0]) is not { } type)
        {
            return null;
        }

        return new ApiRequest(group, version, type, @namespace, tail.Length > 1 ? tail[1] : null, tail.Length > 2 ? tail[2] : null);
    }
}
