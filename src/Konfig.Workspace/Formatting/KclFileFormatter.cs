using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Formatting;
using Konfig.Workspace.Files;

namespace Konfig.Workspace.Formatting;

/// <summary>What formatting did to one file.</summary>
public enum FormatFileStatus
{
    /// <summary>Already formatted; left untouched.</summary>
    Unchanged,

    /// <summary>Formatting changes the file: it was rewritten, or (when checking only) would be.</summary>
    Reformatted,

    /// <summary>The file has syntax errors (see the diagnostics) and was left untouched.</summary>
    SyntaxErrors,
}

public sealed record FormatFileResult(string Path, FormatFileStatus Status, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Formats KCL files on disk with the indentation their <c>.editorconfig</c> asks for. Only files whose text
/// changes are written (atomically); files with syntax errors are never written.
/// </summary>
public sealed class KclFileFormatter
{
    private readonly EditorConfig _editorConfig = new();

    /// <param name="path">A full path.</param>
    /// <param name="write">False to only report whether the file would change.</param>
    public FormatFileResult Format(string path, bool write)
    {
        var (original, byteOrderMark) = Utf8TextFile.Read(path);
        var result = KclFormatter.Format(path, original, _editorConfig.FormatOptionsFor(path));
        if (!result.Succeeded)
        {
            return new FormatFileResult(path, FormatFileStatus.SyntaxErrors, result.Diagnostics);
        }

        var formatted = LineEndings.Apply(result.Text!, LineEndings.For(_editorConfig.PropertiesFor(path).GetValueOrDefault("end_of_line"), original));
        if (string.Equals(formatted, original, StringComparison.Ordinal))
        {
            return new FormatFileResult(path, FormatFileStatus.Unchanged, []);
        }

        if (write)
        {
            AtomicFile.WriteAllBytes(path, Utf8TextFile.Encode(formatted, byteOrderMark));
        }

        return new FormatFileResult(path, FormatFileStatus.Reformatted, []);
    }
}
