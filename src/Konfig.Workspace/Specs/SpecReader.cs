using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Workspace.Specs;

/// <summary>
/// Reads the YAML a stack's program prints (the document stream of <c>manifests.yaml_stream</c>: one
/// <c>{id, type, attributes, dependsOn, extensions}</c> record per document) into a <see cref="Spec"/>.
/// A document that is not such a record is reported with its number and the offending field; other
/// fields are ignored, as kusion ignores them. Never throws.
/// </summary>
public static class SpecReader
{
    public static (Spec? Spec, IReadOnlyList<WorkspaceDiagnostic> Errors) FromYamlStream(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            return (null, [WorkspaceDiagnostic.General($"the program's output is not valid YAML: {exception.Message}")]);
        }

        var resources = new List<Resource>();
        var errors = new List<WorkspaceDiagnostic>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            if (root is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" })
            {
                continue; // an empty document (e.g. yaml_stream of an empty list)
            }

            var (resource, error) = FromValue(LegacyOutputPlan.Apply(YamlValueConverter.Convert(root)), $"document {i + 1} (line {root.Start.Line})");
            if (error is not null)
            {
                errors.Add(WorkspaceDiagnostic.General(error));
            }
            else
            {
                resources.Add(resource!);
            }
        }

        return errors.Count > 0 ? (null, errors) : (new Spec(resources), []);
    }

    /// <summary>One resource record; <paramref name="where"/> names it in the error.</summary>
    public static (Resource? Resource, string? Error) FromValue(KclValue value, string where)
    {
        if (value is not DictValue record)
        {
            return (null, $"{where}: a resource must be a mapping with id, type and attributes, not {value.TypeName}");
        }

        if (record["id"] is not StringValue { Value.Length: > 0 } id)
        {
            return (null, $"{where}: field 'id' must be a non-empty string");
        }

        var named = $"{where}, resource '{id.Value}'";
        if (record["type"] is not StringValue { Value.Length: > 0 } type)
        {
            return (null, $"{named}: field 'type' must be a non-empty string");
        }

        var attributes = record["attributes"];
        if (attributes is not (null or NoneValue or DictValue))
        {
            return (null, $"{named}: field 'attributes' must be a mapping, not {attributes.TypeName}");
        }

        var dependsOn = new List<string>();
        switch (record["dependsOn"])
        {
            case null or NoneValue:
                break;
            case ListValue list when list.Items.All(item => item is StringValue):
                dependsOn.AddRange(list.Items.Cast<StringValue>().Select(item => item.Value));
                break;
            default:
                return (null, $"{named}: field 'dependsOn' must be a list of resource ids");
        }

        var extensions = record["extensions"];
        if (extensions is not (null or NoneValue or DictValue))
        {
            return (null, $"{named}: field 'extensions' must be a mapping, not {extensions.TypeName}");
        }

        return (new Resource(id.Value, type.Value, attributes as DictValue ?? new DictValue(), dependsOn, extensions as DictValue), null);
    }
}
