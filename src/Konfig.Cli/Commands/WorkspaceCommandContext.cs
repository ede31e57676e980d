using System.CommandLine;
using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// What the workspace commands share: the <c>--workspace</c> option, finding and discovering the workspace,
/// choosing stacks from the named folders, and printing workspace diagnostics relative to the current folder.
/// </summary>
internal sealed class WorkspaceCommandContext
{
    public readonly Option<string?> WorkspaceOption = new("--workspace", "-w")
    {
        Description = "The workspace root (the folder with kcl.mod). Default: the nearest kcl.mod above the named "
            + "stack folder or the current folder, else ./konfig.",
        HelpName = "dir",
    };

    /// <summary><c>--jobs/-j N</c>: how many stacks compile at once, at least 1.</summary>
    public static Option<int> CreateJobsOption()
    {
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "How many stacks compile at once (default: the number of cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--jobs must be at least 1");
            }
        });
        return jobs;
    }

    public static void PrintDiagnostics(CliEnvironment environment, IEnumerable<WorkspaceDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            environment.Error.WriteLine($"error: {diagnostic.Format(environment.WorkingDirectory)}");
        }
    }

    /// <summary>Finds and discovers the workspace; null (after printing why) when there is none.</summary>
    public KonfigWorkspace? Load(ParseResult parseResult, CliEnvironment environment, IReadOnlyList<string> namedPaths)
    {
        var (root, error) = WorkspaceLocator.Locate(parseResult.GetValue(WorkspaceOption), namedPaths, environment.WorkingDirectory);
        if (root is null)
        {
            PrintDiagnostics(environment, [error!]);
            return null;
        }

        return WorkspaceDiscovery.Discover(root);
    }

    /// <summary>
    /// The stacks to work on: all of them with <paramref name="all"/>, else those the named folders select
    /// (the current folder when none is named). Null (after printing why) when a folder selects nothing.
    /// </summary>
    public static IReadOnlyList<Stack>? Select(KonfigWorkspace workspace, CliEnvironment environment, IReadOnlyList<string> paths, bool all)
    {
        if (all)
        {
            if (workspace.Stacks.Count == 0)
            {
                // A run over nothing must not look like a success.
                environment.Error.WriteLine($"error: the workspace {WorkspacePaths.Display(workspace.Root, environment.WorkingDirectory)} has no stacks (folders with {Stack.FileName} inside a project)");
                return null;
            }

            return workspace.Stacks;
        }

        var (stacks, errors) = StackSelector.Select(workspace, paths.Count > 0 ? paths : ["."], environment.WorkingDirectory);
        if (errors.Count > 0)
        {
            PrintDiagnostics(environment, errors);
            if (paths.Count == 0)
            {
                environment.Error.WriteLine("hint: name stack folders, or use --all for every stack of the workspace");
            }

            return null;
        }

        return stacks;
    }
}
