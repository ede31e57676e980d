using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Applies override specs to one KCL file the way <c>kcl -O</c> does, as text edits: everything the
/// specs do not touch (comments, blank lines, layout) stays byte for byte. Pure: text in, text out.
/// Differences from kcl, by design: a file with syntax errors is left alone (kcl rewrites it anyway);
/// dotted keys elsewhere in the file are not rewritten into nested configs; missing imports are added
/// even when there are no specs; <c>a = b = {...}</c> is not split, a field spec on it is an error.
/// </summary>
public static class FileOverride
{
    /// <param name="addMissingVariables">
    /// kcl's rule (the default): a spec whose variable the file does not have adds it at the end. Off, such a spec
    /// leaves the file alone and its step is not <see cref="OverrideStep.Matched"/>: a bulk rewrite uses that, so a
    /// stack without the variable is not given a new one that nothing reads.
    /// </param>
    public static OverrideResult Apply(SourceFile file, IReadOnlyList<OverrideSpec> specs, IReadOnlyList<ImportPath> imports, bool addMissingVariables = true)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(imports);

        var parsed = KclParser.Parse(file);
        var syntaxErrors = parsed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!syntaxErrors.IsEmpty)
        {
            return OverrideResult.Failed(file.Text, DescribeSyntaxErrors(syntaxErrors), syntaxErrors);
        }

        var values = new List<OverrideValue?>();
        foreach (var spec in specs)
        {
            if (spec.Operation == OverrideOperation.Delete)
            {
                values.Add(null);
                continue;
            }

            var (value, error) = OverrideValue.Parse(spec);
            if (value is null)
            {
                return OverrideResult.Failed(file.Text, error!, []);
            }

            values.Add(value);
        }

        var steps = ImmutableArray.CreateBuilder<OverrideStep>();
        var current = parsed;
        if (ImportInserter.Run(current.Module, imports) is { } importStep)
        {
            importStep = MatchLineEndings(importStep, file.Text);
            steps.Add(importStep);
            current = Reparse(file, current, importStep, out var error);
            if (error is not null)
            {
                return OverrideResult.Failed(file.Text, error, []);
            }
        }

        for (var i = 0; i < specs.Count; i++)
        {
            OverrideStep step;
            try
            {
                step = SpecRewriter.Run(current.Module, specs[i], values[i]?.Expression, addMissingVariables);
            }
            catch (OverrideNotApplicableException exception)
            {
                return OverrideResult.Failed(file.Text, exception.Message, []);
            }

            step = MatchLineEndings(step, file.Text);
            steps.Add(step);
            current = Reparse(file, current, step, out var error);
            if (error is not null)
            {
                return OverrideResult.Failed(file.Text, $"Applying spec '{specs[i].Text}' would make the file invalid: {error}", []);
            }
        }

        var text = current.Module.File.Text;
        return new OverrideResult(text, !string.Equals(text, file.Text, StringComparison.Ordinal), steps.ToImmutable(), null, []);
    }

    /// <summary>Added text is built with \n; a file written with \r\n gets those instead, so its line endings stay uniform.</summary>
    private static OverrideStep MatchLineEndings(OverrideStep step, string originalText)
    {
        if (!originalText.Contains("\r\n", StringComparison.Ordinal))
        {
            return step;
        }

        return step with
        {
            Edits = [.. step.Edits.Select(edit => edit with { NewText = edit.NewText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) })],
        };
    }

    /// <summary>Parses the text after a step for the next one (skipped when the step changed nothing).</summary>
    private static ParseResult Reparse(SourceFile original, ParseResult current, OverrideStep step, out string? error)
    {
        error = null;
        if (step.Edits.IsEmpty)
        {
            return current;
        }

        var text = EditList.Apply(current.Module.File.Text, step.Edits);
        var parsed = KclParser.Parse(new SourceFile(original.Path, text));
        if (parsed.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } diagnostic)
        {
            error = Describe(diagnostic);
        }

        return parsed;
    }

    private static string DescribeSyntaxErrors(ImmutableArray<Diagnostic> errors) =>
        string.Join('\n', errors.Select(Describe));

    private static string Describe(Diagnostic diagnostic) => diagnostic.Location is { } location
        ? $"{location.File.Path}:{location.Line}:{location.Column}: {diagnostic.Message}"
        : diagnostic.Message;
}
