namespace Konfig.Workspace.Golden;

/// <summary>Where two specs first differ: a path such as <c>[3].attributes.spec.replicas</c> and what each side holds there.</summary>
public sealed record SpecDifference(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
