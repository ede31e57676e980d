using System.CommandLine;
using Konfig.Workspace;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Golden;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig test [STACK_DIR…] [--all | --affected [--base REF] [--head REF] [--working-tree]] [--update]</c>: compiles stacks (when none is named: those under the
/// current folder, or all of them from the workspace root or from outside the workspace) and
/// compares each spec with its <c>ci-test/stdout.golden.yaml</c> by meaning; prints a table of stack, result
/// and first differing path; exits non-zero on any failure. <c>--update</c> rewrites the goldens instead.
/// </summary>
internal sealed class TestCommand
{
    private readonly WorkspaceCommandContext _workspace = new();

    private readonly AffectedStackOptions _affected = new();

    private readonly Argument<string[]> StackDirs = new("stack-dir")
    {
        Description = "Stack folders to test (a folder above stacks selects all of them). Default: the stacks under the current folder, or every stack from the workspace root or outside it.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> All = new("--all", "-a") { Description = "Test every stack of the workspace (the default)." };

    private readonly Option<bool> Update = new("--update", "-u")
    {
        Description = "Rewrite each compiled stack's golden from its spec, in konfig's YAML style.",
    };

    private readonly Option<int> Jobs = WorkspaceCommandContext.CreateJobsOption();

    public static Command Create(CliEnvironment environment)
    {
        var definition = new TestCommand();
        var command = new Command("test", "Compile stacks and compare each spec with its ci-test/stdout.golden.yaml.")
        {
            definition.StackDirs, definition.All, definition.Update, definition.Jobs, definition._workspace.WorkspaceOption,
        };
        foreach (var option in definition._affected.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        var paths = parseResult.GetValue(StackDirs) ?? [];
        var affected = _affected.IsRequested(parseResult);
        if (_affected.Conflict(parseResult, paths.Length > 0, parseResult.GetValue(All)) is { } conflict)
        {
            environment.Error.WriteLine($"error: {conflict}");
            return ExitCodes.WorkspaceError;
        }

        var workspace = _workspace.Load(parseResult, environment, paths);
        if (workspace is null)
        {
            return ExitCodes.WorkspaceError;
        }

        // Without named folders: the stacks under the current folder, or every stack from the root or from outside it.
        var all = !affected && (parseResult.GetValue(All) || (paths.Length == 0 && !IsBelowRoot(environment.WorkingDirectory, workspace.Root)));

        if (all)
        {
            WorkspaceCommandContext.PrintDiagnostics(environment, workspace.Diagnostics);
        }

        var stacks = affected
            ? _affected.Select(parseResult, workspace, environment)
            : WorkspaceCommandContext.Select(workspace, environment, paths, all);
        if (stacks is null)
        {
            return ExitCodes.WorkspaceError;
        }

        if (stacks.Count == 0)
        {
            // --affected and nothing is: a success, already said.
            return ExitCodes.Success;
        }

        var update = parseResult.GetValue(Update);
        var options = new StackCompileOptions { MaxParallelism = parseResult.GetValue(Jobs) };
        var rows = new List<(string Stack, string Result, string Detail)>();
        var passed = 0;
        new StackCompiler(environment.RunKcl).CompileAll(stacks, options, compilation =>
        {
            if (!compilation.Success)
            {
                CompileCommand.PrintFailure(environment, compilation);
            }

            // Only the row is kept: specs are dropped as soon as they are compared, however many stacks there are.
            var result = update ? GoldenFile.Update(compilation) : GoldenFile.Check(compilation);
            passed += result.Passed ? 1 : 0;
            rows.Add((compilation.Stack.Path, ResultName(result.Status), result.Detail ?? string.Empty));
        });

        PlainTable.Write(environment.Out, ["STACK", "RESULT", "DETAIL"], rows.Select(row => new[] { row.Stack, row.Result, row.Detail }).ToList());
        var failedCount = rows.Count - passed;
        environment.Out.WriteLine(failedCount == 0
            ? $"{rows.Count} stacks: all {(update ? "updated or unchanged" : "match their goldens")}"
            : $"{rows.Count} stacks: {passed} passed, {failedCount} failed");
        environment.Out.Flush();
        return failedCount == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static bool IsBelowRoot(string directory, string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return WorkspacePaths.IsAtOrBelow(full, root) && !string.Equals(full, root, StringComparison.Ordinal);
    }

    private static string ResultName(GoldenStatus status) => status switch
    {
        GoldenStatus.Match => "pass",
        GoldenStatus.Mismatch => "FAIL",
        GoldenStatus.NoGolden => "no golden",
        GoldenStatus.BadGolden => "bad golden",
        GoldenStatus.CompileFailed => "ERROR",
        GoldenStatus.Updated => "updated",
        GoldenStatus.Unchanged => "unchanged",
        _ => status.ToString(),
    };
}
