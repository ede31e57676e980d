using Konfig.Kcl.Diagnostics;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Specs;

namespace Konfig.Workspace.Compilation;

/// <summary>
/// The outcome of compiling one stack: its spec when it compiled, else why not: the compiler's KCL
/// diagnostics (syntax errors, failed checks…) and/or the workspace's (broken metadata, output that is
/// not a list of resources). Warnings may come with a spec.
/// </summary>
public sealed record StackCompilation(
    Stack Stack,
    Spec? Spec,
    IReadOnlyList<Diagnostic> KclDiagnostics,
    IReadOnlyList<WorkspaceDiagnostic> Errors,
    TimeSpan Elapsed)
{
    public bool Success => Spec is not null;
}
