using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Semantics;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Runs KCL programs the way <c>kcl run</c> does: settings files and arguments, input files and the module
/// root, package loading (all syntax errors first), evaluation on a thread with a large stack and a
/// deadline, then YAML output with path selectors. Never throws: bad input and internal failures come
/// back as diagnostics.
/// </summary>
public static class KclRunner
{
    /// <summary>Runs happen on their own thread: deep KCL recursion needs far more than the default 1 MB.</summary>
    private const int EvaluationStackSize = 512 * 1024 * 1024;

    private const int MaxDiagnostics = 5000;

    /// <summary>Used when the options set no deadline, so a run can never hang for good.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long past the deadline the run gets to notice cancellation before it is abandoned.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(2);

    public static KclRunResult Run(KclRunOptions options) => Run(options, ParseCache.Shared);

    public static KclRunResult Run(KclRunOptions options, ParseCache cache)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(cache);
            return RunGuarded(options, cache);
        }
        catch (Exception exception)
        {
            return new KclRunResult(string.Empty, [CompilationDiagnostics.InternalError(exception)]);
        }
    }

    /// <summary>
    /// Runs the whole pipeline (parsing, evaluation, output) on a dedicated large-stack thread, whoever
    /// calls: deeply nested programs and values recurse deeply in every stage, and the caller's stack may
    /// be small (a thread-pool thread has 1.5 MB). The deadline, or the heap outgrowing the memory limit,
    /// cancels the evaluator; if the thread does not stop within a grace period it is abandoned (it is a
    /// background thread) and the run reports why with whatever was printed so far. The watchdog's polling
    /// join keeps the deadline: a timer on the token would start the runtime's timer thread, a cost every
    /// short run would pay.
    /// </summary>
    private static KclRunResult RunGuarded(KclRunOptions options, ParseCache cache)
    {
        var timeout = options.Timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource();
        var printed = new PrintedOutput();
        KclRunResult? result = null;
        Exception? exception = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = RunCore(options, cache, printed, cancellation.Token);
                }
                catch (Exception caught)
                {
                    exception = caught;
                }
            },
            EvaluationStackSize)
        {
            IsBackground = true,
            Name = "kcl-run",
        };
        thread.Start();
        var memoryLimit = options.MemoryLimit ?? DefaultMemoryLimit();
        var ending = RunWatchdog.Watch(thread, cancellation, timeout, memoryLimit, CancellationGrace);
        if (ending == RunWatchdog.Ending.OverMemory)
        {
            return new KclRunResult(printed.ToString(), [CompilationDiagnostics.MemoryLimit(memoryLimit)]);
        }

        if (ending == RunWatchdog.Ending.Abandoned)
        {
            return new KclRunResult(printed.ToString(), [CompilationDiagnostics.Timeout(timeout)]);
        }

        return exception switch
        {
            null => Capped(result!),
            InsufficientExecutionStackException => new KclRunResult(printed.ToString(), [CompilationDiagnostics.RecursionLimit()]),
            OutOfMemoryException => new KclRunResult(string.Empty, [CompilationDiagnostics.OutOfMemory()]),
            _ => new KclRunResult(printed.ToString(), [CompilationDiagnostics.InternalError(exception)]),
        };
    }

    /// <summary>
    /// At most <see cref="MaxDiagnostics"/> diagnostics, then one that says how many more there were:
    /// each is printed with its source line, and a damaged program can have one per token.
    /// </summary>
    private static KclRunResult Capped(KclRunResult result) =>
        result.Diagnostics.Count <= MaxDiagnostics
            ? result
            : result with { Diagnostics = [.. result.Diagnostics.Take(MaxDiagnostics), CompilationDiagnostics.TooManyDiagnostics(result.Diagnostics.Count - MaxDiagnostics)] };

    /// <summary>Half the memory the process may use (physical memory, or the container's or the GC's limit).</summary>
    private static long DefaultMemoryLimit() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    private static KclRunResult RunCore(KclRunOptions options, ParseCache cache, PrintedOutput printedOutput, CancellationToken cancellation)
    {
        var (configuration, configurationErrors) = RunConfiguration.Build(options);
        if (configuration is null)
        {
            return new KclRunResult(string.Empty, configurationErrors);
        }

        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        var (root, files, inputErrors) = InputFiles.Resolve(configuration.Inputs, configuration.InputBaseDirectory, workingDirectory);
        if (inputErrors.Count > 0)
        {
            return new KclRunResult(string.Empty, inputErrors);
        }

        var diagnostics = new List<Diagnostic>();
        var (mod, modError) = KclModReader.Read(root);
        if (modError is not null)
        {
            return new KclRunResult(string.Empty, [modError]);
        }

        var loader = new PackageLoader(cache, root, DependencyRoots(mod));
        var main = loader.LoadMain(files);
        loader.LoadImports(main);
        diagnostics.AddRange(loader.Diagnostics);

        // KCL reports syntax and semantic errors together, before evaluating anything.
        var checks = KclChecker.Check(main, loader);
        var reported = diagnostics.Select(d => DiagnosticFormatter.FormatKcl([d])).ToHashSet(StringComparer.Ordinal);
        diagnostics.AddRange(checks.Where(d => reported.Add(DiagnosticFormatter.FormatKcl([d]))));
        if (loader.HasFatalErrors || checks.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new KclRunResult(string.Empty, diagnostics);
        }

        var settings = new EvaluationSettings
        {
            Options = configuration.Options,
            WorkingDirectory = workingDirectory,
            StrictRangeCheck = configuration.StrictRangeCheck,
            Debug = configuration.Debug,
            // kcl selects paths before it drops hidden names, so `-S _a` and `-S s._b` find them; the
            // emitter drops them from whatever is printed unless --show_hidden.
            ShowHidden = configuration.ShowHidden || configuration.PathSelectors.Count > 0,
            SortKeys = configuration.SortKeys,
            Output = printedOutput,
            Cancellation = cancellation,
        };
        var evaluation = KclEvaluator.Evaluate(main, loader, settings);
        var printed = printedOutput.ToString();
        if (cancellation.IsCancellationRequested && evaluation.Diagnostics.Any(d => d.Message == EvaluationDiagnostics.TimedOut))
        {
            diagnostics.Add(CompilationDiagnostics.Timeout(options.Timeout ?? DefaultTimeout));
            return new KclRunResult(printed, diagnostics);
        }

        diagnostics.AddRange(evaluation.Diagnostics);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new KclRunResult(printed, diagnostics);
        }

        if (evaluation.ManifestsOutput is { } stream)
        {
            // manifests.yaml_stream replaces whatever the program would print otherwise.
            return new KclRunResult(printed + stream + (stream.Length == 0 || stream.EndsWith('\n') ? string.Empty : "\n"), diagnostics);
        }

        // Selectors read the printed value: the globals, or the document of a program with top-level
        // expressions when that is a mapping (kcl ignores selectors on any other document).
        var document = evaluation.Document;
        IReadOnlyList<KeyValuePair<string, Values.KclValue>> topLevel = document is Values.DictValue dict ? [.. dict.Entries] : evaluation.Values;
        Values.KclValue? selected = null;
        if (configuration.PathSelectors.Count > 0 && document is null or Values.DictValue)
        {
            if (!PathSelector.TrySelect(topLevel, configuration.PathSelectors, out var value, out var failed))
            {
                diagnostics.Add(CompilationDiagnostics.PathSelectorNotFound(LastStatementLine(main), failed));
                return new KclRunResult(printed, diagnostics);
            }

            selected = value;
        }

        var emitOptions = new YamlEmitOptions
        {
            SortKeys = configuration.SortKeys,
            IgnoreNone = configuration.DisableNone,
            IgnorePrivate = !configuration.ShowHidden,
        };
        try
        {
            var yaml = OutputPlanner.Plan(topLevel, selected ?? document, emitOptions);
            return new KclRunResult(printed + yaml, diagnostics);
        }
        catch (KclRuntimeException exception)
        {
            // The output itself is over the size limit.
            diagnostics.Add(Diagnostic.Error(exception.Code, exception.Kind, null, exception.Message));
            return new KclRunResult(printed, diagnostics);
        }
    }

    private static Dictionary<string, string> DependencyRoots(KclModFile? mod)
    {
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mod is null)
        {
            return roots;
        }

        foreach (var dependency in mod.Dependencies)
        {
            if (dependency.Path is { Length: > 0 } path)
            {
                roots[dependency.Name] = Path.GetFullPath(Path.Combine(mod.Directory, path));
            }
        }

        return roots;
    }

    /// <summary>kcl reports a failed path selector at the last statement of the program, without a column.</summary>
    private static DiagnosticLocation? LastStatementLine(KclPackage main)
    {
        for (var i = main.Modules.Count - 1; i >= 0; i--)
        {
            if (main.Modules[i].Body is { IsDefaultOrEmpty: false } body)
            {
                return DiagnosticLocation.LineOnly(body[^1].Span);
            }
        }

        return null;
    }
}
