using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>The real API server's error bodies: <c>kind: Status</c>, with reason, message, details and code.</summary>
internal static class KubeStatus
{
    public static ApiResult NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(name, type));

    public static ApiResult NamespaceNotFound(string @namespace) =>
        Failure(404, "NotFound", $"namespaces \"{@namespace}\" not found", new JsonObject { ["name"] = @namespace, ["kind"] = "namespaces" });

    public static ApiResult PathNotFound(string path) =>
        Failure(404, "NotFound", $"the server could not find the requested resource ({path})", null);

    public static ApiResult AlreadyExists(ResourceType type, string name) =>
        Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(name, type));

    public static ApiResult Modified(ResourceType type, string name) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", Details(name, type));

    public static ApiResult ApplyConflict(ResourceType type, string name, IReadOnlyList<(string Manager, string Field)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (manager, field) in conflicts)
        {
            causes.Add(new JsonObject { ["type"] = "FieldManagerConflict", ["message"] = $"conflict with \"{manager}\"", ["field"] = field });
        }

        var details = Details(name, type);
        details["causes"] = causes;
        var lines = string.Join("\n", conflicts.Select(c => $"- conflict with \"{c.Manager}\" using {type.ApiVersion}: {c.Field}"));
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\" using {type.ApiVersion}: {conflicts[0].Field}"
            : $"Apply failed with {conflicts.Count} conflicts:\n{lines}";
        return Failure(409, "Conflict", message, details);
    }

    public static ApiResult Invalid(ResourceType type, string name, string field, string message) =>
        Failure(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {field}: {message}", Details(name, type, new JsonArray
        {
            new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field },
        }));

    public static ApiResult Forbidden(ResourceType type, string name, string why) =>
        Failure(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", Details(name, type));

    public static ApiResult InvalidPatch(string message) => Failure(422, "Invalid", $"the patch cannot be applied: {message}", null);

    public static ApiResult BadRequest(string message) => Failure(400, "BadRequest", message, null);

    public static ApiResult MethodNotAllowed(string message) => Failure(405, "MethodNotAllowed", message, null);

    public static ApiResult UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml ({contentType})", null);

    public static ApiResult Unauthorized() => Failure(401, "Unauthorized", "Unauthorized", null);

    public static ApiResult Gone(string message) => Failure(410, "Expired", message, null);

    public static JsonObject Success(ResourceType type, string name, string? uid)
    {
        var details = Details(name, type);
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static JsonObject Details(string name, ResourceType type, JsonArray? causes = null)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        if (causes is not null)
        {
            details["causes"] = causes;
        }

        return details;
    }

    private static ApiResult Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return new ApiResult(code, status);
    }
}
