using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// The files of a stack that a rewrite targets: the KCL files its kcl.yaml lists (<c>kcl_cli_configs</c>) that lie in
/// the stack's own folder, such as its main.k, as kcl's <c>-O</c> targets a stack's main.k in kusion's Konfig.
/// Files the stack shares with others (the project's base.k, the platform's render.k) are left alone.
/// </summary>
public static class StackEntryFiles
{
    public static (IReadOnlyList<string> Files, RewriteError? Error) Of(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (stack.HasErrors || stack.KclYaml is null)
        {
            var first = stack.AllDiagnostics.FirstOrDefault() ?? WorkspaceDiagnostic.General("the stack's metadata is broken");
            return ([], RewriteError.From(stack.Path, first));
        }

        var files = stack.KclYaml.Files
            .Where(file => file.EndsWith(".k", StringComparison.Ordinal) && File.Exists(file) && WorkspacePaths.IsAtOrBelow(file, stack.Directory))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? (files, null)
            : ([], new RewriteError(stack.Path, stack.KclYaml.Path, 0, 0, $"the stack compiles no KCL file of its own folder (only shared ones), so there is nothing to rewrite"));
    }
}
