using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;
using Konfig.Rewrite.Bulk;

namespace Konfig.Rewrite.Tests.TestDoubles;

/// <summary>
/// Test double for the per-file rewrite (the override specs are another part's): replaces every occurrence of
/// <paramref name="from"/> by <paramref name="to"/>, span by span. A file holding <paramref name="refuseWhen"/>
/// is refused with a diagnostic at that text, as a bad override would be.
/// </summary>
internal sealed class ReplaceTextRewrite(string from, string to, string? refuseWhen = null) : IFileRewrite
{
    public string Description => $"replace {from} with {to}";

    public FileRewriteResult Rewrite(SourceFile file)
    {
        if (refuseWhen is not null && file.Text.IndexOf(refuseWhen, StringComparison.Ordinal) is var at and >= 0)
        {
            var (line, column) = file.GetLineColumn(at);
            return FileRewriteResult.Failed(file,
                [Diagnostic.Error("E9999", "OverrideError", new DiagnosticLocation(file, line, column), $"cannot rewrite '{refuseWhen}'")]);
        }

        return FileRewriteResult.Rewritten(file, file.Text.Replace(from, to, StringComparison.Ordinal));
    }
}
