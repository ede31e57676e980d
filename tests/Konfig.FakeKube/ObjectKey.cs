namespace Konfig.FakeKube;

/// <summary>
/// Where an object lives in the store: group and kind (not version, as in a real server, so one object
/// is served under every version of its kind), namespace ("" for cluster-scoped kinds) and name.
/// </summary>
internal readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
{
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    public override string ToString() => $"{Group}/{Kind}/{Namespace}/{Name}";
}
