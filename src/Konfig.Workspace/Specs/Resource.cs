using Konfig.Kcl.Values;

namespace Konfig.Workspace.Specs;

/// <summary>
/// One resource of a spec, as kusion models it: an id (Kubernetes: <c>apiVersion:kind:namespace:name</c>,
/// cluster-scoped kinds without the namespace; Terraform: <c>provider:namespace:type:name</c>), a type
/// (<c>Kubernetes</c>, <c>Terraform</c>…), the attributes the runtime applies, the ids it depends on, and
/// runtime extensions (provider, region…). Attribute values are plain data (dicts, lists, scalars).
/// </summary>
public sealed record Resource(
    string Id,
    string Type,
    DictValue Attributes,
    IReadOnlyList<string> DependsOn,
    DictValue? Extensions);
