using System.CommandLine;

namespace Konfig.Cli.Commands;

/// <summary>Which engine command an option set is for: each takes the options that mean something to it.</summary>
internal enum EngineVerb
{
    Preview,
    Apply,
    Destroy,
    State,
}

/// <summary>
/// The options of <c>konfig preview|apply|destroy</c> (and the cluster and state ones of <c>konfig state</c>):
/// which stacks, which cluster (kubeconfig and context), where the state lives, and how to run.
/// </summary>
internal sealed class EngineOptions
{
    public const string LocalState = "local";
    public const string KubernetesState = "kubernetes";

    public readonly WorkspaceCommandContext Workspace = new();

    public readonly AffectedStackOptions Affected = new();

    public readonly Argument<string[]> StackDirs = new("stack-dir")
    {
        Description = "Stack folders (a folder above stacks selects all of them). Default: the stack in the current folder.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public readonly Option<bool> All = new("--all", "-a") { Description = "Every stack of the workspace." };

    public readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "The kubeconfig file. Default: the files of $KUBECONFIG, merged as kubectl does, else ~/.kube/config.",
        HelpName = "path",
    };

    public readonly Option<string?> Context = new("--context")
    {
        Description = "The kubeconfig context (the cluster). Default: the kubeconfig's current-context.",
        HelpName = "name",
    };

    public readonly Option<string> State = new("--state")
    {
        Description = "Where the state lives: local (a JSON file per stack under --state-dir) or kubernetes (a Secret per stack in the cluster).",
        DefaultValueFactory = _ => LocalState,
    };

    public readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = "The local state folder. Default: <workspace root>/.konfig/state.",
        HelpName = "dir",
    };

    public readonly Option<string> StateNamespace = new("--state-namespace")
    {
        Description = "With --state kubernetes: the namespace of the state Secrets (it must exist).",
        DefaultValueFactory = _ => "konfig-state",
        HelpName = "namespace",
    };

    public readonly Option<string[]> IgnoreFields = new("--ignore-fields")
    {
        Description = "More fields the preview leaves out of its comparison (e.g. metadata.annotations, spec.replicas). Takes one or more values.",
        HelpName = "path",
        AllowMultipleArgumentsPerToken = true,
    };

    public readonly Option<string> Format = new("--format")
    {
        Description = "The preview's format: table (for a terminal), markdown (for a pull request comment) or json.",
        DefaultValueFactory = _ => "table",
    };

    public readonly Option<bool> ForceConflicts = new("--force-conflicts")
    {
        Description = "Take over fields another field manager owns (server-side apply's force).",
    };

    public readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask for confirmation (needed without a terminal)." };

    public readonly Option<bool> Watch = new("--watch")
    {
        Description = "Follow each resource until it is ready (or gone, when deleting) before its dependents go, until --timeout.",
    };

    public readonly Option<string> Timeout = new("--timeout")
    {
        Description = "With --watch: how long the whole run may wait (90s, 5m, 1h30m).",
        DefaultValueFactory = _ => "5m",
        HelpName = "duration",
    };

    public readonly Option<int> Parallelism = new("--parallelism")
    {
        Description = "At most this many resources are worked on at once within a dependency level (default 16).",
        // Each resource costs one or two API round trips; 16 in flight keeps a 100-resource stack within
        // a second or two at 50 ms per request, and is far below what an API server serves.
        DefaultValueFactory = _ => 16,
        HelpName = "n",
    };

    public EngineOptions()
    {
        State.AcceptOnlyFromAmong(LocalState, KubernetesState);
        Format.AcceptOnlyFromAmong("table", "markdown", "json");
        Timeout.Validators.Add(result =>
        {
            if (!DurationText.TryParse(result.GetValueOrDefault<string>() ?? "", out _))
            {
                result.AddError($"--timeout '{result.GetValueOrDefault<string>()}' is not a duration such as 90s, 5m or 1h30m");
            }
        });
        // A bad path is the command line's error, before anything runs.
        IgnoreFields.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Konfig.Engine.Planning.IgnoreRule.TryParse(path, out _, out var error))
                {
                    result.AddError($"--ignore-fields: {error}");
                }
            }
        });
        Parallelism.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--parallelism must be at least 1");
            }
        });
    }

    public TimeSpan TimeoutOf(ParseResult parseResult) =>
        DurationText.TryParse(parseResult.GetValue(Timeout) ?? "", out var timeout) ? timeout : TimeSpan.FromMinutes(5);

    /// <summary>Adds the options <paramref name="verb"/> takes to <paramref name="command"/>.</summary>
    public void AddTo(Command command, EngineVerb verb)
    {
        if (verb != EngineVerb.State)
        {
            command.Arguments.Add(StackDirs);
            command.Options.Add(All);
            foreach (var option in Affected.All)
            {
                command.Options.Add(option);
            }
        }

        Option[] cluster = [Workspace.WorkspaceOption, Kubeconfig, Context, State, StateDir, StateNamespace];
        Option[] more = verb switch
        {
            EngineVerb.Preview => [IgnoreFields, Format, ForceConflicts, Parallelism],
            EngineVerb.Apply => [IgnoreFields, ForceConflicts, Yes, Watch, Timeout, Parallelism],
            EngineVerb.Destroy => [Yes, Watch, Timeout, Parallelism],
            _ => [],
        };
        foreach (var option in cluster.Concat(more))
        {
            command.Options.Add(option);
        }
    }
}
