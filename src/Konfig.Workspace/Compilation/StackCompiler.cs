using System.Diagnostics;
using Konfig.Kcl.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Specs;

namespace Konfig.Workspace.Compilation;

/// <summary>
/// Compiles stacks into specs, like <c>kusion compile</c>: each stack runs as
/// <c>kcl run -Y ci-test/settings.yaml -Y kcl.yaml [user -Y…] [-D…]</c> from its own folder, and the
/// resource records it prints become its spec. Many stacks compile in one process, in parallel, through
/// one KCL runner, so packages they share (the platform models) are parsed once, in the runner's parse
/// cache. A stack that fails fails alone. Never throws for bad input.
/// </summary>
public sealed class StackCompiler
{
    private readonly Func<KclRunOptions, KclRunResult> _runKcl;

    /// <summary>Compiles with the real compiler and the process-wide parse cache.</summary>
    public StackCompiler()
        : this(ParseCache.Shared)
    {
    }

    public StackCompiler(ParseCache cache)
        : this(options => KclRunner.Run(options, cache))
    {
    }

    /// <summary>Compiles through <paramref name="runKcl"/> (for example the CLI's runner).</summary>
    public StackCompiler(Func<KclRunOptions, KclRunResult> runKcl)
    {
        ArgumentNullException.ThrowIfNull(runKcl);
        _runKcl = runKcl;
    }

    /// <summary>
    /// Compiles every stack, up to <see cref="StackCompileOptions.MaxParallelism"/> at a time, and hands
    /// each result to <paramref name="onCompiled"/> in the order of <paramref name="stacks"/>.
    /// </summary>
    public void CompileAll(IReadOnlyList<Stack> stacks, StackCompileOptions options, Action<StackCompilation> onCompiled)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onCompiled);
        OrderedParallel.Run(stacks, options.MaxParallelism, stack => Compile(stack, options), onCompiled);
    }

    public IReadOnlyList<StackCompilation> CompileAll(IReadOnlyList<Stack> stacks, StackCompileOptions options)
    {
        var results = new List<StackCompilation>(stacks.Count);
        CompileAll(stacks, options, results.Add);
        return results;
    }

    public StackCompilation Compile(Stack stack, StackCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        if (stack.HasErrors || stack.KclYaml is null)
        {
            return new StackCompilation(stack, null, [], [.. stack.AllDiagnostics], watch.Elapsed);
        }

        try
        {
            var result = _runKcl(RunOptions(stack, options));
            if (!result.Success)
            {
                return new StackCompilation(stack, null, result.Diagnostics, [], watch.Elapsed);
            }

            var (spec, errors) = SpecReader.FromYamlStream(result.Yaml);
            if (spec is null)
            {
                return new StackCompilation(stack, null, result.Diagnostics, errors, watch.Elapsed);
            }

            // kusion ends every spec with the custom resource definitions shipped beside the stack.
            var (crds, crdErrors) = CrdFolder.Read(stack.Directory);
            return crdErrors.Count > 0
                ? new StackCompilation(stack, null, result.Diagnostics, crdErrors, watch.Elapsed)
                : new StackCompilation(stack, new Spec([.. spec.Resources, .. crds]), result.Diagnostics, errors, watch.Elapsed);
        }
        catch (Exception exception)
        {
            // A bug while compiling one stack must not take the other stacks down with it.
            return new StackCompilation(stack, null, [], [WorkspaceDiagnostic.General($"internal error: {exception}")], watch.Elapsed);
        }
    }

    /// <summary>The settings files in kcl's order (later ones win), with no files given: they come from the settings.</summary>
    internal static KclRunOptions RunOptions(Stack stack, StackCompileOptions options)
    {
        var settings = new List<string>();
        if (stack.CiSettings is { } ciSettings)
        {
            settings.Add(ciSettings.Path);
        }

        settings.Add(stack.KclYaml!.Path);
        settings.AddRange(options.SettingsFiles);
        return new KclRunOptions
        {
            Files = [],
            WorkingDirectory = stack.Directory,
            SettingsFiles = settings,
            Arguments = options.Arguments,
            Timeout = options.Timeout,
        };
    }
}
