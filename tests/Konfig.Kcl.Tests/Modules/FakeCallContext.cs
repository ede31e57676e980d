using FluentAssertions;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Tests.Modules;

/// <summary>A call context for calling builtins directly: captures print output and manifests.</summary>
internal sealed class FakeCallContext(string? workingDirectory = null) : CallContext
{
    private readonly StringWriter _output = new();

    public Dictionary<string, KclValue> OptionValues { get; } = new(StringComparer.Ordinal);

    public string? Manifests { get; private set; }

    public string Printed => _output.ToString();

    public override string WorkingDirectory { get; } = workingDirectory ?? Path.GetTempPath();

    public override string CurrentFile => Path.Combine(WorkingDirectory, "main.k");

    public override IReadOnlyDictionary<string, KclValue> Options => OptionValues;

    public override TextWriter Output => _output;

    public override bool SortKeys => false;

    public override KclValue Call(FunctionValue function, IReadOnlyList<KclValue> arguments) => function.Invoke(this, arguments, []);

    public override void SetManifestsOutput(string yamlStream) => Manifests = yamlStream;
}
