using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>POST, PUT, PATCH (server-side apply, merge patches) and DELETE.</summary>
internal sealed partial class KubeApi
{
    private const string ApplyPatch = "application/apply-patch+yaml";
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";
    private const string JsonPatchType = "application/json-patch+json";

    private ApiResult Create(ApiRequest api, string body, string manager, bool dryRun)
    {
        var (value, error) = YamlJson.Parse(body);
        if (value is null)
        {
            return KubeStatus.BadRequest(error!);
        }

        var metadata = FakeObjectStore.Metadata(value);
        var name = metadata["name"].AsString();
        if (string.IsNullOrEmpty(name) && metadata["generateName"].AsString() is { Length: > 0 } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (string.IsNullOrEmpty(name))
        {
            return KubeStatus.Invalid(api.Type, "", "metadata.name", "Required value: name or generateName is required");
        }

        if (CheckIdentity(api, value, name) is { } mismatch)
        {
            return mismatch;
        }

        lock (store.Gate)
        {
            if (MissingNamespace(api) is { } missing)
            {
                return missing;
            }

            var key = api.Type.KeyOf(api.Namespace, name);
            if (store.Find(key) is not null)
            {
                return KubeStatus.AlreadyExists(api.Type, name);
            }

            var fresh = NewObject(api, name);
            ServerSideApply.MergeInto(fresh, ServerSideApply.WithoutServerFields(value));
            var outcome = ServerSideApply.Update(null, fresh, manager, api.Type.ApiVersion, Now(), value => Admission.Normalize(api.Type, value));
            return Commit(api, key, outcome.Object, creating: true, dryRun);
        }
    }

    private ApiResult Replace(ApiRequest api, string body, string manager, bool dryRun)
    {
        var (value, error) = YamlJson.Parse(body);
        if (value is null)
        {
            return KubeStatus.BadRequest(error!);
        }

        if (CheckIdentity(api, value, api.Name!) is { } mismatch)
        {
            return mismatch;
        }

        lock (store.Gate)
        {
            var key = api.Type.KeyOf(api.Namespace, api.Name!);
            var live = store.Find(key);
            if (live is null)
            {
                return KubeStatus.NotFound(api.Type, api.Name!);
            }

            if (StaleVersion(api, value, live) is { } stale)
            {
                return stale;
            }

            JsonObject next;
            if (api.Subresource == "status")
            {
                next = (JsonObject)live.DeepClone();
                next["status"] = value["status"]?.DeepClone();
            }
            else
            {
                next = ServerSideApply.WithoutServerFields(value);
                KeepServerFields(live, next);
            }

            var outcome = ServerSideApply.Update(live, next, manager, api.Type.ApiVersion, Now(), value => Admission.Normalize(api.Type, value));
            return outcome.Changed ? Commit(api, key, outcome.Object, creating: false, dryRun) : ApiResult.Ok(Served(live, api.Type));
        }
    }

    private ApiResult Patch(ApiRequest api, string body, string contentType, string? fieldManager, string manager, bool force, bool dryRun)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        if (mediaType != ApplyPatch)
        {
            return PatchInPlace(api, body, mediaType, manager, dryRun);
        }

        var (patch, error) = YamlJson.Parse(body);
        if (patch is null)
        {
            return KubeStatus.BadRequest(error!);
        }

        if (string.IsNullOrEmpty(fieldManager))
        {
            return KubeStatus.Invalid(api.Type, api.Name!, "fieldManager", "Required value: is required for apply patch");
        }

        if (CheckIdentity(api, patch, api.Name!, requireTypeMeta: true) is { } mismatch)
        {
            return mismatch;
        }

        lock (store.Gate)
        {
            if (MissingNamespace(api) is { } missing)
            {
                return missing;
            }

            var key = api.Type.KeyOf(api.Namespace, api.Name!);
            var live = store.Find(key);
            if (live is not null && StaleVersion(api, patch, live) is { } stale)
            {
                return stale;
            }

            if (live is null && patch["metadata"]?["resourceVersion"] is not null)
            {
                return KubeStatus.Modified(api.Type, api.Name!);
            }

            var target = live ?? NewObject(api, api.Name!);
            var outcome = ServerSideApply.Apply(target, live is null, patch, fieldManager, force, api.Type.ApiVersion, Now(), value => Admission.Normalize(api.Type, value));
            if (outcome.Conflicts.Count > 0)
            {
                return KubeStatus.ApplyConflict(api.Type, api.Name!, outcome.Conflicts);
            }

            return outcome.Changed || live is null
                ? Commit(api, key, outcome.Object, creating: live is null, dryRun)
                : ApiResult.Ok(Served(live, api.Type));
        }
    }

    // Merge, strategic merge (treated as merge) and JSON patches of an existing object or its status.
    private ApiResult PatchInPlace(ApiRequest api, string body, string mediaType, string manager, bool dryRun)
    {
        lock (store.Gate)
        {
            var key = api.Type.KeyOf(api.Namespace, api.Name!);
            var live = store.Find(key);
            if (live is null)
            {
                return KubeStatus.NotFound(api.Type, api.Name!);
            }

            var patched = (JsonObject)live.DeepClone();
            if (PatchDocument(patched, body, mediaType, keepStatus: api.Subresource != "status") is { } failed)
            {
                return failed;
            }

            if (StaleVersion(api, patched, live) is { } stale)
            {
                return stale;
            }

            JsonObject next;
            if (api.Subresource == "status")
            {
                next = (JsonObject)live.DeepClone();
                next["status"] = patched["status"]?.DeepClone();
            }
            else
            {
                next = ServerSideApply.WithoutServerFields(patched);
                KeepServerFields(live, next);
            }

            var outcome = ServerSideApply.Update(live, next, manager, api.Type.ApiVersion, Now(), value => Admission.Normalize(api.Type, value));
            return outcome.Changed ? Commit(api, key, outcome.Object, creating: false, dryRun) : ApiResult.Ok(Served(live, api.Type));
        }
    }

    /// <summary>Applies a merge or JSON patch body to <paramref name="target"/>; an error answer when it cannot.</summary>
    private static ApiResult? PatchDocument(JsonObject target, string body, string mediaType, bool keepStatus)
    {
        if (mediaType == JsonPatchType)
        {
            JsonNode? operations;
            try
            {
                operations = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException invalid)
            {
                return KubeStatus.BadRequest($"the JSON patch is not valid JSON: {invalid.Message}");
            }

            if (operations is not JsonArray list)
            {
                return KubeStatus.BadRequest("a JSON patch is an array of operations");
            }

            var failure = JsonPatch.Apply(target, list);
            return failure is null ? null : KubeStatus.InvalidPatch(failure);
        }

        if (mediaType is not (MergePatch or StrategicMergePatch))
        {
            return KubeStatus.UnsupportedMediaType(mediaType);
        }

        var (patch, error) = YamlJson.Parse(body);
        if (patch is null)
        {
            return KubeStatus.BadRequest(error!);
        }

        if (keepStatus)
        {
            ServerSideApply.MergeInto(target, patch);
        }
        else if (patch["status"] is JsonObject statusPatch)
        {
            target["status"] ??= new JsonObject();
            ServerSideApply.MergeInto((JsonObject)target["status"]!, statusPatch);
        }

        return null;
    }

    private ApiResult Delete(ApiRequest api, bool dryRun)
    {
        lock (store.Gate)
        {
            var key = api.Type.KeyOf(api.Namespace, api.Name!);
            var live = store.Find(key);
            if (live is null)
            {
                return KubeStatus.NotFound(api.Type, api.Name!);
            }

            var uid = live["metadata"]?["uid"].AsString();
            if (key.Group.Length == 0 && key.Kind == "Namespace")
            {
                // Like a real cluster, a Namespace is Terminating for a while (the simulated controller
                // removes it and its objects after ReadyDelay); the answer is the Namespace itself.
                var terminating = (JsonObject)live.DeepClone();
                FakeObjectStore.Metadata(terminating)["deletionTimestamp"] ??= Now();
                terminating["status"] = new JsonObject { ["phase"] = "Terminating" };
                if (!dryRun && !JsonNode.DeepEquals(live, terminating))
                {
                    store.Write(key, terminating);
                }

                return ApiResult.Ok(Served(terminating, api.Type));
            }

            if (!dryRun)
            {
                Admission.RemoveWithDependents(store, catalog, key);
            }

            return ApiResult.Ok(KubeStatus.Success(api.Type, api.Name!, uid));
        }
    }

    private ApiResult DeleteCollection(ApiRequest api, string? labelSelector, bool dryRun)
    {
        var (labels, error) = Selectors.Labels(labelSelector);
        if (labels is null)
        {
            return KubeStatus.BadRequest(error!);
        }

        lock (store.Gate)
        {
            var doomed = store.Query(api.Type.Group, api.Type.Kind, api.Namespace).Where(pair => labels(pair.Value)).ToList();
            var items = new JsonArray();
            foreach (var (key, value) in doomed)
            {
                items.Add(Served(value, api.Type));
                if (!dryRun)
                {
                    Admission.RemoveWithDependents(store, catalog, key);
                }
            }

            return ApiResult.Ok(new JsonObject
            {
                ["apiVersion"] = api.Type.ApiVersion,
                ["kind"] = api.Type.Kind + "List",
                ["metadata"] = new JsonObject(),
                ["items"] = items,
            });
        }
    }

    /// <summary>Stores a created or changed object (unless a dry run) and answers with it as served.</summary>
    private ApiResult Commit(ApiRequest api, ObjectKey key, JsonObject value, bool creating, bool dryRun)
    {
        if (creating)
        {
            if (TerminatingNamespace(api, key.Name) is { } forbidden)
            {
                return forbidden;
            }

            Admission.OnCreate(api.Type, value, Now());
        }

        if (Admission.Validate(api.Type, value) is { } invalid)
        {
            return invalid;
        }

        if (!dryRun)
        {
            store.Write(key, value);
            Admission.AfterWrite(catalog, api.Type, value);
        }

        var served = Served(value, api.Type);
        return creating ? ApiResult.Created(served) : ApiResult.Ok(served);
    }

    private JsonObject NewObject(ApiRequest api, string name)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (api.Type.Namespaced)
        {
            metadata["namespace"] = api.Namespace;
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["generation"] = 1;
        metadata["creationTimestamp"] = Now();
        return new JsonObject { ["apiVersion"] = api.Type.ApiVersion, ["kind"] = api.Type.Kind, ["metadata"] = metadata };
    }

    private ApiResult? MissingNamespace(ApiRequest api) =>
        api.Type.Namespaced && store.Find(new ObjectKey("", "Namespace", "", api.Namespace ?? "")) is null
            ? KubeStatus.NamespaceNotFound(api.Namespace ?? "")
            : null;

    private ApiResult? TerminatingNamespace(ApiRequest api, string name) =>
        api.Type.Namespaced && store.Find(new ObjectKey("", "Namespace", "", api.Namespace ?? "")) is { } ns && ns["metadata"]?["deletionTimestamp"] is not null
            ? KubeStatus.Forbidden(api.Type, name, $"unable to create new content in namespace {api.Namespace} because it is being terminated")
            : null;

    private static ApiResult? StaleVersion(ApiRequest api, JsonObject value, JsonObject live)
    {
        var expected = value["metadata"]?["resourceVersion"].AsString();
        var actual = live["metadata"]?["resourceVersion"].AsString();
        return string.IsNullOrEmpty(expected) || expected == actual ? null : KubeStatus.Modified(api.Type, api.Name ?? "");
    }

    // The body must name the object of the URL: same kind, name and namespace.
    private static ApiResult? CheckIdentity(ApiRequest api, JsonObject value, string name, bool requireTypeMeta = false)
    {
        var apiVersion = value["apiVersion"].AsString();
        var kind = value["kind"].AsString();
        if (requireTypeMeta && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)))
        {
            return KubeStatus.BadRequest("invalid object type: apiVersion and kind must be set for apply");
        }

        if ((kind is not null && kind != api.Type.Kind) || (apiVersion is not null && ObjectKey.GroupOf(apiVersion) != api.Type.Group))
        {
            return KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({api.Type.ApiVersion}) or kind ({kind}) does not match {api.Type.Kind}");
        }

        var bodyName = value["metadata"]?["name"].AsString();
        if (api.Name is not null && !string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            return KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNamespace = value["metadata"]?["namespace"].AsString();
        if (api.Type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != api.Namespace)
        {
            return KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return null;
    }

    private static void KeepServerFields(JsonObject live, JsonObject next)
    {
        var from = FakeObjectStore.Metadata(live);
        var to = FakeObjectStore.Metadata(next);
        foreach (var field in new[] { "name", "namespace", "uid", "generation", "creationTimestamp", "managedFields", "resourceVersion" })
        {
            if (from[field] is { } node)
            {
                to[field] = node.DeepClone();
            }
        }

        if (live["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }
    }
}
