using System.Text;
using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Adds the imports a file lacks, in the given order, before its first statement (after any header
/// comment). An import is present when an existing one reads the same: <c>path</c>, or <c>path as alias</c>.
/// </summary>
internal static class ImportInserter
{
    public static OverrideStep? Run(ModuleSyntax module, IReadOnlyList<ImportPath> imports)
    {
        var existing = module.Body.OfType<ImportStatement>()
            .Select(import => import.Alias is null ? import.Path : $"{import.Path} as {import.Alias.Name}")
            .ToHashSet(StringComparer.Ordinal);
        var missing = imports.Where(import => existing.Add(import.ToString())).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var text = module.File.Text;
        var block = new StringBuilder();
        foreach (var import in missing)
        {
            block.Append("import ").Append(import).Append('\n');
        }

        var edits = new EditList();
        if (module.Body.FirstOrDefault() is { } first)
        {
            if (first is not ImportStatement)
            {
                block.Append('\n');
            }

            edits.Insert(SourceLines.LineStart(text, first.Span.Start), block.ToString());
        }
        else
        {
            var separator = text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n";
            edits.Insert(text.Length, separator + block);
        }

        return new OverrideStep(null, true, [.. edits.Normalized()]);
    }
}
