namespace Konfig.FakeKube;

/// <summary>
/// The kinds the server serves: the built-in ones, plus those of established CustomResourceDefinitions,
/// which come and go with their CRD. Thread-safe.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly object gate = new();
    private readonly List<ResourceType> builtIn = BuiltInResources.All.ToList();
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> custom = new(StringComparer.Ordinal);

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (gate)
            {
                return builtIn.Concat(custom.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value)).ToList();
            }
        }
    }

    /// <summary>Group versions in discovery order: core first, then the groups by name; versions as listed.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All.GroupBy(type => type.Group)
            .Select(group => (group.Key, (IReadOnlyList<string>)group.Select(type => type.Version).Distinct().ToList()))
            .OrderBy(group => group.Key.Length == 0 ? 0 : 1)
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version) =>
        All.Where(type => type.Group == group && type.Version == version).ToList();

    public ResourceType? ByResource(string group, string version, string plural) =>
        All.FirstOrDefault(type => type.Group == group && type.Version == version && type.Plural == plural);

    public ResourceType? ByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(type => type.ApiVersion == apiVersion && type.Kind == kind);

    /// <summary>Any served version of a group and kind (objects are stored per group and kind).</summary>
    public ResourceType? AnyVersion(string group, string kind) =>
        All.FirstOrDefault(type => type.Group == group && type.Kind == kind);

    /// <summary>Serves (or replaces) the kinds of one CRD, by its name.</summary>
    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (gate)
        {
            custom[crdName] = types;
        }
    }

    public void RemoveCustom(string crdName)
    {
        lock (gate)
        {
            custom.Remove(crdName);
        }
    }
}
