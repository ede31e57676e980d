using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Semantics;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Runs KCL programs the way <c>kcl run</c> does: settings files and arguments, input files and the module
/// root, package loading (all syntax errors first), evaluation on a thread with a large stack and a
/// deadline, then YAML output with path selectors. Never throws: bad input and internal failures come
/// back as diagnostics.
/// </summary>
public static class KclRunner
{
    /// <summary>Evaluation runs on its own thread: deep KCL recursion needs far more than the default 1 MB.</summary>
    private const int EvaluationStackSize = 512 * 1024 * 1024;

    /// <summary>Used when the options set no deadline, so a run can never hang for good.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long past the deadline the evaluator gets to notice cancellation before it is abandoned.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(2);

    public static KclRunResult Run(KclRunOptions options) => Run(options, ParseCache.Shared);

    public static KclRunResult Run(KclRunOptions options, ParseCache cache)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(cache);
            return RunCore(options, cache);
        }
        catch (Exception exception)
        {
            return new KclRunResult(string.Empty, [CompilationDiagnostics.InternalError(exception)]);
        }
    }

    private static KclRunResult RunCore(KclRunOptions options, ParseCache cache)
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
        if (loader.HasSyntaxErrors || checks.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new KclRunResult(string.Empty, diagnostics);
        }

        var settings = new EvaluationSettings
        {
            Options = configuration.Options,
            WorkingDirectory = workingDirectory,
            StrictRangeCheck = configuration.StrictRangeCheck,
            Debug = configuration.Debug,
            ShowHidden = configuration.ShowHidden,
            SortKeys = configuration.SortKeys,
        };
        var (printed, evaluation, failure) = Evaluate(main, loader, settings, options.Timeout ?? DefaultTimeout);
        if (failure is not null)
        {
            diagnostics.Add(failure);
            return new KclRunResult(printed, diagnostics);
        }

        diagnostics.AddRange(evaluation!.Diagnostics);
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
        var yaml = OutputPlanner.Plan(topLevel, selected ?? document, emitOptions);
        return new KclRunResult(printed + yaml, diagnostics);
    }

    /// <summary>
    /// Evaluates on a dedicated large-stack thread. The deadline cancels the evaluator's token; if it does
    /// not stop within a grace period the (background) thread is abandoned and the run reports the timeout.
    /// The deadline is the join's timeout rather than a timer on the token: a timer starts the runtime's
    /// timer thread, a cost every short run would pay.
    /// </summary>
    private static (string Printed, EvaluationResult? Result, Diagnostic? Failure) Evaluate(
        KclPackage main,
        IPackageResolver resolver,
        EvaluationSettings settings,
        TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource();
        var output = new StringWriter { NewLine = "\n" };
        var synchronizedOutput = TextWriter.Synchronized(output);
        settings = settings with { Output = synchronizedOutput, Cancellation = cancellation.Token };
        EvaluationResult? result = null;
        Exception? exception = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = KclEvaluator.Evaluate(main, resolver, settings);
                }
                catch (Exception caught)
                {
                    exception = caught;
                }
            },
            EvaluationStackSize)
        {
            IsBackground = true,
            Name = "kcl-evaluate",
        };
        thread.Start();
        var finished = thread.Join(timeout);
        if (!finished)
        {
            cancellation.Cancel();
            finished = thread.Join(CancellationGrace);
        }

        string printed;
        lock (synchronizedOutput)
        {
            synchronizedOutput.Flush();
            printed = output.ToString();
        }

        if (!finished || (exception is OperationCanceledException && cancellation.IsCancellationRequested))
        {
            return (printed, null, CompilationDiagnostics.Timeout(timeout));
        }

        if (exception is not null)
        {
            return (printed, null, CompilationDiagnostics.InternalError(exception));
        }

        return (printed, result ?? new EvaluationResult([], []), null);
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
