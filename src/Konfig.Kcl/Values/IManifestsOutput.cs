namespace Konfig.Kcl.Values;

/// <summary>
/// Implemented by an output writer that keeps <c>manifests.yaml_stream</c> apart from <c>print()</c> text:
/// the stream replaces the run's YAML, while printed text comes before it. The runner supplies one.
/// </summary>
public interface IManifestsOutput
{
    void SetManifestsOutput(string yamlStream);
}
