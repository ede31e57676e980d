using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;
using Konfig.Rewrite.Bulk;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Override specs as a bulk rewrite's per-file step: each stack's entry file gets the same specs and
/// imports through <see cref="FileOverride.Apply"/>. Immutable, so stacks may be rewritten in parallel.
/// </summary>
public sealed class OverrideFileRewrite : IFileRewrite
{
    private readonly IReadOnlyList<OverrideSpec> _specs;
    private readonly IReadOnlyList<ImportPath> _imports;

    private OverrideFileRewrite(IReadOnlyList<OverrideSpec> specs, IReadOnlyList<ImportPath> imports)
    {
        _specs = specs;
        _imports = imports;
        var imported = imports.Select(import => $"import {import}");
        Description = string.Join(", ", specs.Select(spec => spec.Text).Concat(imported));
    }

    public string Description { get; }

    /// <summary>The rewrite for these spec texts and import paths, or the first one that does not parse, or whose value does not (with kcl's message).</summary>
    public static (OverrideFileRewrite? Rewrite, string? Error) Create(IEnumerable<string> specTexts, IEnumerable<string> importTexts)
    {
        var specs = new List<OverrideSpec>();
        foreach (var text in specTexts)
        {
            var parsed = OverrideSpecParser.Parse(text);
            if (!parsed.Success)
            {
                return (null, parsed.Error);
            }

            // A value that is not KCL is the spec's fault, not any stack's: say so once, before any file is read.
            if (parsed.Spec.Operation != OverrideOperation.Delete && OverrideValue.Parse(parsed.Spec) is (null, { } valueError))
            {
                return (null, valueError);
            }

            specs.Add(parsed.Spec);
        }

        var imports = new List<ImportPath>();
        foreach (var text in importTexts)
        {
            var (import, error) = ImportPath.Parse(text);
            if (import is null)
            {
                return (null, error);
            }

            imports.Add(import);
        }

        return (new OverrideFileRewrite(specs, imports), null);
    }

    private static string NotApplied(OverrideSpec spec) => spec.Operation == OverrideOperation.Delete
        ? $"'{spec.Text}': nothing to delete"
        : $"'{spec.Text}' not applied: no variable '{spec.Target}' to set here";

    public FileRewriteResult Rewrite(SourceFile file)
    {
        // Across many stacks, a spec is for the stacks that have its variable: the others are noted, not given it.
        var result = FileOverride.Apply(file, _specs, _imports, addMissingVariables: false);
        if (result.Success)
        {
            return FileRewriteResult.Rewritten(file, result.Text) with { Notes = [.. result.Steps.Where(step => step is { Matched: false, Spec: not null }).Select(step => NotApplied(step.Spec!))] };
        }

        // Syntax errors come with their positions; a spec that cannot apply names itself (and where) in its message.
        return FileRewriteResult.Failed(file, result.Diagnostics.IsDefaultOrEmpty
            ? [Diagnostic.Error("E3M38", "OverrideError", new DiagnosticLocation(file, 0, 0), result.Error!)]
            : result.Diagnostics);
    }
}
