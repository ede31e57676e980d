using FluentAssertions;
using Konfig.Kcl.Text;
using Konfig.Rewrite.Overrides;

namespace Konfig.Rewrite.Tests.Overrides;

/// <summary>Test shorthand: apply spec texts (and import paths) to a source and get the result.</summary>
internal static class OverrideRun
{
    public static OverrideResult Run(string source, params string[] specs) => Run(source, specs, []);

    public static OverrideResult Run(string source, IEnumerable<string> specs, IEnumerable<string> imports)
    {
        var parsedSpecs = specs.Select(spec => OverrideSpecParser.Parse(spec).Spec ?? throw new ArgumentException($"bad spec {spec}")).ToList();
        var parsedImports = imports.Select(path => ImportPath.Parse(path).Import ?? throw new ArgumentException($"bad import {path}")).ToList();
        return FileOverride.Apply(new SourceFile("stack/main.k", source), parsedSpecs, parsedImports);
    }

    /// <summary>The new text; the run must have succeeded.</summary>
    public static string Text(string source, params string[] specs)
    {
        var result = Run(source, specs);
        result.Error.Should().BeNull();
        return result.Text;
    }
}
