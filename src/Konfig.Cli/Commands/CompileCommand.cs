using System.CommandLine;
using Konfig.Kcl.Diagnostics;
using Konfig.Workspace;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Files;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Specs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig compile [STACK_DIR…] [--all | --affected [--base REF] [--head REF] [--working-tree]] [-Y FILE…] [-D k=v…] [-o PATH]</c>,
/// like <c>kusion compile</c>: compiles stacks into specs (YAML lists of resources). Several stacks compile in parallel; each failed
/// stack prints its diagnostics under its name and the others still compile.
/// </summary>
internal sealed class CompileCommand
{
    private readonly WorkspaceCommandContext _workspace = new();

    private readonly AffectedStackOptions _affected = new();

    private readonly Argument<string[]> StackDirs = new("stack-dir")
    {
        Description = "Stack folders (a folder above stacks selects all of them). Default: the stack in the current folder.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> All = new("--all", "-a") { Description = "Compile every stack of the workspace." };

    private readonly Option<string[]> Settings = new("--setting", "-Y")
    {
        Description = "More settings files, applied after each stack's ci-test/settings.yaml and kcl.yaml. Takes one or more values.",
        HelpName = "file",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> Arguments = new("--argument", "-D")
    {
        Description = "Top-level argument name=value for every stack (wins over kcl_options). Repeatable.",
        HelpName = "name=value",
    };

    private readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write the spec to this file (one stack named), or to DIR/<stack path>.yaml (--all or several stacks).",
        HelpName = "path",
    };

    private readonly Option<int> Jobs = WorkspaceCommandContext.CreateJobsOption();

    private CompileCommand()
    {
        Arguments.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => !token.Value.Contains('=', StringComparison.Ordinal)))
            {
                result.AddError($"Invalid value for top level arguments: '{token.Value}' is not name=value");
            }
        });
    }

    public static Command Create(CliEnvironment environment)
    {
        var definition = new CompileCommand();
        var command = new Command("compile", "Compile stacks into specs (lists of resources), like kusion compile.")
        {
            definition.StackDirs, definition.All, definition.Settings, definition.Arguments, definition.Output,
            definition.Jobs, definition._workspace.WorkspaceOption,
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
        var all = parseResult.GetValue(All);
        var affected = _affected.IsRequested(parseResult);
        if (_affected.Conflict(parseResult, paths.Length > 0, all) is { } conflict)
        {
            environment.Error.WriteLine($"error: {conflict}");
            return ExitCodes.WorkspaceError;
        }

        var workspace = _workspace.Load(parseResult, environment, paths);
        if (workspace is null)
        {
            return ExitCodes.WorkspaceError;
        }

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

        var settingsFiles = (parseResult.GetValue(Settings) ?? []).Select(path => Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path))).ToList();
        if (settingsFiles.FirstOrDefault(path => !File.Exists(path)) is { } missing)
        {
            // Said once here rather than once per stack.
            environment.Error.WriteLine($"error: settings file '{WorkspacePaths.Display(missing, environment.WorkingDirectory)}' does not exist");
            return ExitCodes.WorkspaceError;
        }

        var options = new StackCompileOptions
        {
            SettingsFiles = settingsFiles,
            Arguments = (parseResult.GetValue(Arguments) ?? []).Select(KclRunCommand.SplitArgument).ToList(),
            MaxParallelism = parseResult.GetValue(Jobs),
        };

        // One stack named by its folder prints a bare spec (or writes -o as a file); otherwise each spec gets a header (or -o is a folder).
        var single = !all && !affected && paths.Length <= 1 && stacks.Count == 1
            && WorkspacePaths.IsAtOrBelow(Path.GetFullPath(Path.Combine(environment.WorkingDirectory, paths.Length == 0 ? "." : paths[0])), stacks[0].Directory);
        var output = parseResult.GetValue(Output);
        var failed = new List<string>();
        new StackCompiler(environment.RunKcl).CompileAll(stacks, options, compilation =>
        {
            if (!compilation.Success)
            {
                failed.Add(compilation.Stack.Path);
                PrintFailure(environment, compilation);
                return;
            }

            PrintWarnings(environment, compilation);
            var text = SpecWriter.Write(compilation.Spec!);
            if (!Emit(environment, compilation.Stack, text, output, single))
            {
                failed.Add(compilation.Stack.Path);
            }
        });

        environment.Out.Flush();
        if (stacks.Count > 1 || failed.Count > 0)
        {
            environment.Error.WriteLine(failed.Count == 0
                ? $"compiled {stacks.Count} stacks"
                : $"compiled {stacks.Count - failed.Count} of {stacks.Count} stacks; failed: {string.Join(", ", failed)}");
        }

        return failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static bool Emit(CliEnvironment environment, Stack stack, string spec, string? output, bool single)
    {
        if (output is null)
        {
            if (!single)
            {
                // A YAML stream: each stack's spec is one document, its header a comment on the separator.
                environment.Out.Write($"--- # {stack.Path}\n");
            }

            environment.Out.Write(spec);
            return true;
        }

        var target = single
            ? Path.Combine(environment.WorkingDirectory, output)
            : Path.Combine(environment.WorkingDirectory, output, stack.Path + ".yaml");
        try
        {
            AtomicFile.WriteAllText(target, spec);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine($"error: stack {stack.Path}: cannot write '{target}': {exception.Message}");
            return false;
        }
    }

    internal static void PrintFailure(CliEnvironment environment, StackCompilation compilation)
    {
        environment.Error.WriteLine($"error: stack {compilation.Stack.Path} failed to compile:");
        if (compilation.KclDiagnostics.Count > 0)
        {
            environment.Error.Write(DiagnosticFormatter.FormatKcl(compilation.KclDiagnostics));
        }

        WorkspaceCommandContext.PrintDiagnostics(environment, compilation.Errors);
    }

    internal static void PrintWarnings(CliEnvironment environment, StackCompilation compilation)
    {
        if (compilation.KclDiagnostics.Count > 0)
        {
            environment.Error.WriteLine($"stack {compilation.Stack.Path}:");
            environment.Error.Write(DiagnosticFormatter.FormatKcl(compilation.KclDiagnostics));
        }
    }
}
