using System.Collections.Concurrent;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;
using Konfig.Rewrite.Preview;
using Konfig.Workspace;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Files;
using Konfig.Workspace.Specs;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// The one entry point for rewriting many stacks (the CLI and the bot both call it). For every selected stack it
/// rewrites the stack's own entry files (<see cref="StackEntryFiles"/>) in memory; then compiles every stack that
/// changed from those new texts (a parse cache over an overlay of the disk), in parallel, keeping nothing of a
/// compilation but its errors and, when asked, its new golden text. If any file cannot be rewritten or any touched
/// stack fails to compile, it stops with those errors and writes nothing. Otherwise, when asked, it writes every
/// change atomically; should a write fail, the files already written are put back.
/// </summary>
public static class BulkRewrite
{
    /// <summary>Files written at once: writes are mostly waiting on the disk's flush.</summary>
    private const int WriteParallelism = 8;

    public static BulkRewriteResult Run(IReadOnlyList<Stack> stacks, IFileRewrite rewrite, BulkRewriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(rewrite);
        ArgumentNullException.ThrowIfNull(options);
        stacks = [.. stacks.Distinct(ReferenceEqualityComparer.Instance).Cast<Stack>()];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Compile.MaxParallelism) };

        var rewritten = RewriteAll(stacks, rewrite, parallel);
        var errors = rewritten.SelectMany(outcome => outcome.Errors).ToList();
        var sources = rewritten.SelectMany(outcome => outcome.Changes).ToList();
        if (errors.Count > 0)
        {
            return new BulkRewriteResult(rewrite.Description, stacks, [], errors, Written: false);
        }

        var touched = stacks.Where((_, index) => rewritten[index].Changes.Count > 0).ToList();
        var (compileErrors, goldens, previews) = CompileAll(touched, sources, options, parallel);
        if (compileErrors.Count > 0)
        {
            return new BulkRewriteResult(rewrite.Description, stacks, [], compileErrors, Written: false);
        }

        var changes = Order(stacks, sources, goldens);
        var notes = rewritten.SelectMany(outcome => outcome.Notes).ToList();
        if (!options.WriteFiles || changes.Count == 0)
        {
            return new BulkRewriteResult(rewrite.Description, stacks, changes, [], Written: false) { Previews = previews, Notes = notes };
        }

        var writeError = WriteAll(changes);
        return writeError is null
            ? new BulkRewriteResult(rewrite.Description, stacks, changes, [], Written: true) { Previews = previews, Notes = notes }
            : new BulkRewriteResult(rewrite.Description, stacks, [], [writeError], Written: false);
    }

    private sealed record StackOutcome(List<FileChange> Changes, List<RewriteError> Errors, List<RewriteNote> Notes);

    private static StackOutcome[] RewriteAll(IReadOnlyList<Stack> stacks, IFileRewrite rewrite, ParallelOptions parallel)
    {
        var outcomes = new StackOutcome[stacks.Count];
        Parallel.For(0, stacks.Count, parallel, index => outcomes[index] = RewriteStack(stacks[index], rewrite));
        return outcomes;
    }

    private static StackOutcome RewriteStack(Stack stack, IFileRewrite rewrite)
    {
        var outcome = new StackOutcome([], [], []);
        var (files, error) = StackEntryFiles.Of(stack);
        if (error is not null)
        {
            outcome.Errors.Add(error);
            return outcome;
        }

        foreach (var path in files)
        {
            Utf8TextFile file;
            try
            {
                file = Utf8TextFile.Read(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                outcome.Errors.Add(new RewriteError(stack.Path, path, 0, 0, $"cannot read the file: {exception.Message}"));
                continue;
            }

            var text = file.Text;
            var result = rewrite.Rewrite(new SourceFile(path, text));
            outcome.Notes.AddRange(result.Notes.Select(note => new RewriteNote(stack.Path, path, note)));
            if (!result.Success)
            {
                outcome.Errors.AddRange(result.Errors.Select(diagnostic => RewriteError.From(stack.Path, diagnostic)));
            }
            else if (result.Changed && !string.Equals(result.NewText, text, StringComparison.Ordinal))
            {
                outcome.Changes.Add(new FileChange(stack, FileChangeKind.Source, path, text, result.NewText) { ByteOrderMark = file.ByteOrderMark });
            }
        }

        return outcome;
    }

    /// <summary>
    /// Compiles the touched stacks from the new texts: their errors, the goldens that change (when asked), and the
    /// previews (when asked; only their small summaries outlive the loop, never a spec).
    /// </summary>
    private static (List<RewriteError> Errors, List<FileChange> Goldens, List<StackPreview> Previews) CompileAll(
        List<Stack> touched, List<FileChange> sources, BulkRewriteOptions options, ParallelOptions parallel)
    {
        var texts = sources.ToDictionary(change => change.FullPath, change => change.NewText, StringComparer.Ordinal);
        var compiler = new StackCompiler(new ParseCache(new OverlaySourceFileSystem(texts)));
        var oldSpecs = options.Preview ? new OldSpec(new StackCompiler(new ParseCache()), options.Compile) : null;
        var errors = new ConcurrentBag<(int Index, RewriteError Error)>();
        var goldens = new ConcurrentBag<(int Index, FileChange Golden)>();
        var previews = new ConcurrentBag<(int Index, StackPreview Preview)>();
        Parallel.For(0, touched.Count, parallel, index =>
        {
            var stack = touched[index];
            var compilation = compiler.Compile(stack, options.Compile);
            if (!compilation.Success)
            {
                foreach (var error in CompileErrors(compilation))
                {
                    errors.Add((index, error));
                }

                return;
            }

            if (options.UpdateGoldens && GoldenChange(compilation) is { } golden)
            {
                goldens.Add((index, golden));
            }

            if (oldSpecs is not null)
            {
                previews.Add((index, Preview(stack, oldSpecs, compilation.Spec!)));
            }
        });

        return (
            [.. errors.OrderBy(e => e.Index).Select(e => e.Error)],
            [.. goldens.OrderBy(g => g.Index).Select(g => g.Golden)],
            errors.IsEmpty ? [.. previews.OrderBy(p => p.Index).Select(p => p.Preview)] : []);
    }

    private static StackPreview Preview(Stack stack, OldSpec oldSpecs, Spec newSpec)
    {
        var (old, baseline, error) = oldSpecs.Of(stack);
        return old is null
            ? new StackPreview(stack.Path, baseline, [], error)
            : new StackPreview(stack.Path, baseline, SpecPreview.Compare(old, newSpec.Resources));
    }

    private static IEnumerable<RewriteError> CompileErrors(StackCompilation compilation)
    {
        var stack = compilation.Stack.Path;
        var kcl = compilation.KclDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => RewriteError.From(stack, d));
        var workspace = compilation.Errors.Select(d => RewriteError.From(stack, d));
        var all = kcl.Concat(workspace).ToList();
        return all.Count > 0 ? all : [new RewriteError(stack, null, 0, 0, "the stack does not compile after the rewrite")];
    }

    private static FileChange? GoldenChange(StackCompilation compilation)
    {
        var path = compilation.Stack.GoldenPath;
        var text = SpecWriter.Write(compilation.Spec!);
        var old = File.Exists(path) ? File.ReadAllText(path) : null;
        return string.Equals(old, text, StringComparison.Ordinal) ? null : new FileChange(compilation.Stack, FileChangeKind.Golden, path, old, text);
    }

    /// <summary>Each stack's entry files, then its golden, stacks in the order they were given.</summary>
    private static List<FileChange> Order(IReadOnlyList<Stack> stacks, List<FileChange> sources, List<FileChange> goldens)
    {
        var position = new Dictionary<Stack, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < stacks.Count; i++)
        {
            position.TryAdd(stacks[i], i);
        }

        return [.. sources.Concat(goldens).OrderBy(change => position[change.Stack]).ThenBy(change => change.Kind)];
    }

    private static RewriteError? WriteAll(List<FileChange> changes)
    {
        var written = new ConcurrentBag<FileChange>();
        var failures = new ConcurrentBag<(FileChange Change, Exception Exception)>();
        Parallel.ForEach(changes, new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism }, change =>
        {
            try
            {
                AtomicFile.WriteAllBytes(change.FullPath, change.NewBytes());
                written.Add(change);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failures.Add((change, exception));
            }
        });

        if (failures.IsEmpty)
        {
            return null;
        }

        // All or nothing: put back what was written (a new golden is removed again).
        foreach (var change in written)
        {
            if (change.OldText is null)
            {
                File.Delete(change.FullPath);
            }
            else
            {
                AtomicFile.WriteAllBytes(change.FullPath, change.OldBytes()!);
            }
        }

        var (failed, cause) = failures.OrderBy(f => f.Change.FullPath, StringComparer.Ordinal).First();
        return new RewriteError(failed.Stack.Path, failed.FullPath, 0, 0, $"cannot write the file ({cause.Message}); every file written before was put back");
    }
}
