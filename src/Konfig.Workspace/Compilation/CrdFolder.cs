using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using Konfig.Workspace.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Workspace.Compilation;

/// <summary>
/// Custom resource definitions shipped as plain Kubernetes YAML: like kusion, a stack's spec ends with the
/// objects of the <c>crd</c> folder beside the stack (its project's, in the usual layout), every YAML or
/// JSON document under it, files in path order. Each is a Kubernetes resource with the usual id.
/// </summary>
internal static class CrdFolder
{
    public const string Name = "crd";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static (IReadOnlyList<Resource> Resources, IReadOnlyList<WorkspaceDiagnostic> Errors) Read(string stackDirectory)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(stackDirectory));
        var folder = parent is null ? null : Path.Combine(parent, Name);
        if (folder is null || !Directory.Exists(folder))
        {
            return ([], []);
        }

        var resources = new List<Resource>();
        var errors = new List<WorkspaceDiagnostic>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .OrderBy(file => file, StringComparer.Ordinal);
        foreach (var file in files)
        {
            ReadFile(file, resources, errors);
        }

        return (resources, errors);
    }

    private static void ReadFile(string file, List<Resource> resources, List<WorkspaceDiagnostic> errors)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (Exception exception) when (exception is YamlException or IOException or UnauthorizedAccessException)
        {
            errors.Add(WorkspaceDiagnostic.InFile(file, $"cannot read a custom resource definition: {exception.Message}"));
            return;
        }

        foreach (var document in stream.Documents)
        {
            if (YamlValueConverter.Convert(document.RootNode) is not DictValue { Count: > 0 } manifest)
            {
                continue;
            }

            var line = (int)document.RootNode.Start.Line;
            if (KubernetesId(manifest) is not { } id)
            {
                errors.Add(new WorkspaceDiagnostic(file, line, 1, "a Kubernetes object needs apiVersion, kind and metadata.name"));
                continue;
            }

            resources.Add(new Resource(id, "Kubernetes", manifest, [], null));
        }
    }

    /// <summary><c>apiVersion:kind:namespace:name</c>, without the namespace part when there is none.</summary>
    private static string? KubernetesId(DictValue manifest)
    {
        if (manifest["apiVersion"] is not StringValue { Value.Length: > 0 } apiVersion
            || manifest["kind"] is not StringValue { Value.Length: > 0 } kind
            || manifest["metadata"] is not DictValue metadata
            || metadata["name"] is not StringValue { Value.Length: > 0 } name)
        {
            return null;
        }

        return metadata["namespace"] is StringValue { Value.Length: > 0 } ns
            ? $"{apiVersion.Value}:{kind.Value}:{ns.Value}:{name.Value}"
            : $"{apiVersion.Value}:{kind.Value}:{name.Value}";
    }
}
