using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Konfig.Affected.Analysis;
using Konfig.Affected.Graph;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig deps --focus PATH… [--direct up|down] [--only project|stack] [--format text|json]</c>, the
/// question <c>kusion deps</c> answers: what the focus needs (up), or what needs it (down), in the
/// working tree as it is now. Focus paths are relative to the current folder; output paths are
/// repository paths, one per line. A focus gone from the working tree is looked up in HEAD, so a
/// deleted file still names the stacks that used it. Exit 0 on an answer, 2 on bad input.
/// </summary>
internal sealed class DepsCommand
{
    private const string Up = "up";
    private const string Down = "down";
    private const string OnlyProject = "project";
    private const string OnlyStack = "stack";
    private const string FormatText = "text";
    private const string FormatJson = "json";

    private readonly Option<string[]> Focus = new("--focus")
    {
        Description = "Files or folders to ask about, relative to the current folder. Takes one or more values.",
        HelpName = "path",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> Direct = new("--direct")
    {
        Description = "up (default): what the focus depends on. down: what depends on the focus.",
        DefaultValueFactory = _ => Up,
    };

    private readonly Option<string?> Only = new("--only")
    {
        Description = "With --direct down: list only the stacks, or only their projects.",
    };

    private readonly Option<string> Format = new("--format", "-f")
    {
        Description = "Output: text (one path per line, the default) or json.",
        DefaultValueFactory = _ => FormatText,
    };

    private readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Read every file again instead of reusing the snapshots cached under .git/konfig.",
    };

    private DepsCommand()
    {
        Direct.AcceptOnlyFromAmong(Up, Down);
        Only.AcceptOnlyFromAmong(OnlyProject, OnlyStack);
        Format.AcceptOnlyFromAmong(FormatText, FormatJson);
    }

    public static Command Create(CliEnvironment environment)
    {
        var definition = new DepsCommand();
        var command = new Command("deps", "List what files or folders depend on (--direct up) or what depends on them (--direct down), like kusion deps.")
        {
            definition.Focus, definition.Direct, definition.Only, definition.Format, definition.NoCache,
        };
        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        var direct = parseResult.GetValue(Direct) ?? Up;
        var only = parseResult.GetValue(Only);
        if (only is not null && direct == Up)
        {
            environment.Error.WriteLine("error: --only selects stacks or projects, which only --direct down lists");
            return ExitCodes.WorkspaceError;
        }

        var (trees, openError) = DependencyTrees.Load(environment.WorkingDirectory, useCache: !parseResult.GetValue(NoCache));
        if (trees is null)
        {
            environment.Error.WriteLine($"error: {openError}");
            return ExitCodes.WorkspaceError;
        }

        var focus = new List<DependencyFocus>();
        foreach (var given in parseResult.GetValue(Focus) ?? [])
        {
            var full = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, given));
            var relative = Path.GetRelativePath(trees.Root, full).Replace('\\', '/');
            if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                environment.Error.WriteLine($"error: --focus '{given}' is outside the repository {trees.Root}");
                return ExitCodes.WorkspaceError;
            }

            var exists = File.Exists(full) || Directory.Exists(full);
            if (!exists && direct == Up)
            {
                environment.Error.WriteLine($"error: --focus '{given}' does not exist (only --direct down follows deleted paths)");
                return ExitCodes.WorkspaceError;
            }

            focus.Add(new DependencyFocus(relative == "." ? "" : relative, exists));
        }

        var graph = DependencyGraph.Build(trees.WorkingTree);
        var json = parseResult.GetValue(Format) == FormatJson;
        if (direct == Up)
        {
            var needed = DependencyQuery.DependenciesOf(graph, focus.Select(f => f.Path));
            Write(environment, json, [.. needed.Files, .. needed.Packages], new
            {
                direct,
                focus = focus.Select(f => f.Path),
                files = needed.Files,
                packages = needed.Packages,
            });
            return ExitCodes.Success;
        }

        var former = trees.Head is null ? null : DependencyGraph.Build(trees.Head);
        var dependents = DependencyQuery.DependentsOf(graph, former, focus);
        var stacks = dependents.Stacks.Select(s => s.Path).ToList();
        IReadOnlyList<string> lines = only switch
        {
            OnlyStack => stacks,
            OnlyProject => dependents.Projects,
            _ => [.. stacks, .. dependents.Files, .. dependents.Packages],
        };
        Write(environment, json, lines, new
        {
            direct,
            focus = focus.Select(f => f.Path),
            stacks = only is null or OnlyStack ? stacks : null,
            projects = only is null or OnlyProject ? dependents.Projects : null,
            files = only is null ? dependents.Files : null,
            packages = only is null ? dependents.Packages : null,
        });
        return ExitCodes.Success;
    }

    // The document is an anonymous object, serialized by reflection: `deps` runs only in the .NET build
    // (the native build hands it over, NativeHandOff.cs).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Runs only in the .NET build.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Runs only in the .NET build.")]
    private static void Write(CliEnvironment environment, bool json, IReadOnlyList<string> lines, object document)
    {
        if (json)
        {
            var options = new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
            environment.Out.Write(JsonSerializer.Serialize(document, options) + "\n");
        }
        else
        {
            foreach (var line in lines.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                environment.Out.Write((line.Length == 0 ? "." : line) + "\n");
            }
        }

        environment.Out.Flush();
    }
}
