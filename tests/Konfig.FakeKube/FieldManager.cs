namespace Konfig.FakeKube;

/// <summary>One managedFields entry: who owns which fields, through apply or update.</summary>
internal sealed record FieldManager(string Name, string Operation, string ApiVersion, string Time, string? Subresource, HashSet<string> Fields)
{
    public bool IsApply => Operation == "Apply";
}
