using Konfig.Engine.Planning;
using Konfig.Kcl.Diagnostics;
using Konfig.Workspace.Compilation;

namespace Konfig.Bot.Comments;

/// <summary>An error of a stack with where it is: <see cref="File"/> repository-relative with '/' (null: no file), <see cref="Line"/> 1-based (0: none).</summary>
public sealed record StackError(string? File, int Line, int Column, string Message)
{
    /// <summary><c>file:line</c>, <c>file</c>, or empty.</summary>
    public string Location => File is null ? "" : Line > 0 ? $"{File}:{Line}" : File;

    public override string ToString() => Location.Length == 0 ? Message : $"{Location}: {Message}";
}

public enum StackOutcome
{
    /// <summary>Previewed: applying would change the cluster.</summary>
    Changes,

    /// <summary>Previewed: nothing to change.</summary>
    NoChanges,

    /// <summary>Did not compile, or the preview has errors.</summary>
    Failed,
}

/// <summary>
/// What the bot reports about one stack: its repository-relative path, the engine's preview (secret values
/// already masked by the engine), and errors that kept it from being previewed (KCL compile errors, a
/// failed run). Build it with <see cref="Previewed"/>, <see cref="FromCompilation"/> or <see cref="Failed"/>.
/// </summary>
public sealed record StackResult(string Stack, Preview? Preview, IReadOnlyList<StackError> Errors)
{
    public StackOutcome Outcome =>
        Errors.Count > 0 || Preview is null || Preview.HasErrors ? StackOutcome.Failed
        : Preview.HasChanges ? StackOutcome.Changes
        : StackOutcome.NoChanges;

    public static StackResult Previewed(string stack, Preview preview) => new(stack, preview, []);

    public static StackResult Failed(string stack, string message) => new(stack, null, [new StackError(null, 0, 0, message)]);

    /// <summary>A stack that did not compile: its KCL errors and workspace errors, with paths relative to <paramref name="repositoryRoot"/>.</summary>
    public static StackResult FromCompilation(string stack, StackCompilation compilation, string repositoryRoot)
    {
        var errors = compilation.KclDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => new StackError(Relative(d.Location?.File.Path, repositoryRoot), d.Location?.Line ?? 0, d.Location?.Column ?? 0, d.Message))
            .Concat(compilation.Errors.Select(e => new StackError(Relative(e.File, repositoryRoot), e.Line, e.Column, e.Message)))
            .ToList();
        return new StackResult(stack, null, errors);
    }

    private static string? Relative(string? path, string root) =>
        path is null ? null : (Path.IsPathRooted(path) ? Path.GetRelativePath(root, path) : path).Replace('\\', '/');
}
