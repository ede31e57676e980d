using System.Text;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Kcl.Diagnostics;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>
/// What previewing a session's stacks gave: a preview per stack that could be previewed (in stack order),
/// an error per stack that could not (compile failures first, in stack order, then state errors),
/// and every compilation (warnings come with successful ones). Nothing is printed.
/// </summary>
public sealed record PreviewRunResult(
    IReadOnlyList<StackPreview> Previews,
    IReadOnlyList<StackRunError> Errors,
    IReadOnlyList<StackCompilation> Compilations)
{
    /// <summary>Stacks with nothing to destroy (no state, or an empty one): only a destroy preview has them.</summary>
    public IReadOnlyList<Stack> NothingToDestroy { get; init; } = [];

    /// <summary>How many stacks could not be previewed: errors, and previews that hold errors.</summary>
    public int Unpreviewable => Errors.Count + Previews.Count(p => p.Preview.HasErrors);
}

/// <summary>
/// Previews a session's stacks: compile → load state → preview (what an apply would change, changing nothing),
/// or, for a destroy, the deletion of what each stack's state holds (the spec is not compiled, so a stack that no
/// longer compiles can still be destroyed).
/// </summary>
public static class PreviewRun
{
    public static async Task<PreviewRunResult> PreviewAsync(StackRunSession session, PreviewOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var compilations = session.Compile();
        var errors = compilations
            .Where(c => !c.Success)
            .Select(c => new StackRunError(c.Stack, StackRunErrorKind.CompileFailed, CompileFailure(c, session.Workspace.Root), c))
            .ToList();
        var planner = new PreviewPlanner(session.Client, options);
        var previews = new List<StackPreview>();
        foreach (var compilation in compilations.Where(c => c.Success))
        {
            var stack = compilation.Stack;
            var (prior, stateError) = await session.LoadStateAsync(stack, cancellationToken).ConfigureAwait(false);
            if (stateError is not null)
            {
                errors.Add(stateError);
                continue;
            }

            var resources = DesiredResource.FromSpec(compilation.Spec!);
            var preview = await planner.PreviewAsync(stack.Path, resources, prior, cancellationToken).ConfigureAwait(false);
            previews.Add(new StackPreview(stack, resources, prior, preview with { StateKey = session.KeyOf(stack) }));
        }

        return new PreviewRunResult(previews, errors, compilations);
    }

    public static async Task<PreviewRunResult> PreviewDestroyAsync(StackRunSession session, PreviewOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var planner = new PreviewPlanner(session.Client, options);
        var previews = new List<StackPreview>();
        var errors = new List<StackRunError>();
        var empty = new List<Stack>();
        foreach (var stack in session.Stacks)
        {
            var (prior, stateError) = await session.LoadStateAsync(stack, cancellationToken).ConfigureAwait(false);
            if (stateError is not null)
            {
                errors.Add(stateError);
            }
            else if (prior is null || prior.Resources.Count == 0)
            {
                empty.Add(stack);
            }
            else
            {
                // Nothing desired: the preview of the state's resources is their deletion, with what is already gone noted.
                var preview = await planner.PreviewAsync(stack.Path, [], prior, cancellationToken).ConfigureAwait(false);
                previews.Add(new StackPreview(stack, [], prior, preview with { StateKey = session.KeyOf(stack) }));
            }
        }

        return new PreviewRunResult(previews, errors, []) { NothingToDestroy = empty };
    }

    /// <summary>"failed to compile:" and the diagnostics, each with its file, line and column (workspace files relative to its root).</summary>
    private static string CompileFailure(StackCompilation compilation, string workspaceRoot)
    {
        var text = new StringBuilder("failed to compile:\n");
        if (compilation.KclDiagnostics.Count > 0)
        {
            text.Append(DiagnosticFormatter.FormatKcl(compilation.KclDiagnostics));
        }

        foreach (var error in compilation.Errors)
        {
            text.Append(error.Format(workspaceRoot)).Append('\n');
        }

        return text.ToString().TrimEnd();
    }
}
