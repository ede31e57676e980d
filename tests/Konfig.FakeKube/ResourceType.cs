namespace Konfig.FakeKube;

/// <summary>A kind the server serves: group, version, kind, plural resource name, scope, as discovery shows it.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames)
{
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>"deployments.apps", the name errors use.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public ObjectKey KeyOf(string? @namespace, string name) => new(Group, Kind, Namespaced ? @namespace ?? "" : "", name);
}
