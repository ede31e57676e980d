using Konfig.Kubernetes;

namespace Konfig.Engine.Resources;

/// <summary>
/// How outputs name a Kubernetes object for people: <c>apps/v1/Deployment shop/web</c> (apiVersion/Kind, then
/// namespace/name; a cluster-scoped object has no namespace part: <c>v1/Namespace shop</c>). One form for
/// previews, apply summaries and progress lines, so the same object reads the same everywhere.
/// </summary>
public static class ResourceName
{
    public static string Of(ObjectReference reference) => reference.Namespace is null
        ? $"{reference.ApiVersion}/{reference.Kind} {reference.Name}"
        : $"{reference.ApiVersion}/{reference.Kind} {reference.Namespace}/{reference.Name}";

    /// <summary>The object's name, or the spec id when there is no object to name (a manifest without apiVersion, kind or name).</summary>
    public static string Of(string id, ObjectReference? reference) => reference is null ? id : Of(reference);
}
