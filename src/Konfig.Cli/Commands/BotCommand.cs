using System.CommandLine;
using Konfig.Bot.Actions;
using Konfig.Bot.Comments;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig bot action</c>: the bot inside a GitHub Actions job. It reads the job's event and token from the
/// environment and previews the pull request (comment and commit statuses); the work is Konfig.Bot's
/// <see cref="ActionsRun"/>, this only reads options and prints.
/// </summary>
internal static class BotCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new EngineOptions();
        var action = new Command("action",
            "Handle this GitHub Actions job's event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_TOKEN): preview a pull request's affected stacks as a comment and commit statuses.");
        var konfigDir = new Option<string>("--konfig-dir")
        {
            Description = "The Konfig workspace's folder, relative to the checkout (GITHUB_WORKSPACE).",
            DefaultValueFactory = _ => ".",
            HelpName = "dir",
        };
        action.Options.Add(konfigDir);
        foreach (var option in (Option[])[options.Kubeconfig, options.Context, options.State, options.StateDir, options.StateNamespace])
        {
            action.Options.Add(option);
        }

        action.SetAction(parseResult => EngineRun.Synchronously(environment, async token =>
        {
            var (inputs, error) = ActionsInputs.FromEnvironment(environment.GetVariable, environment.WorkingDirectory);
            if (inputs is null)
            {
                environment.Error.WriteLine($"error: {error}");
                return ExitCodes.WorkspaceError;
            }

            var engine = new StackRunSessionOptions
            {
                KubeconfigPath = parseResult.GetValue(options.Kubeconfig) is { } kubeconfig ? Path.GetFullPath(kubeconfig, environment.WorkingDirectory) : null,
                Context = parseResult.GetValue(options.Context),
                State = parseResult.GetValue(options.State) == EngineOptions.KubernetesState ? StateBackend.Kubernetes : StateBackend.Local,
                StateFolder = parseResult.GetValue(options.StateDir) is { } folder ? Path.GetFullPath(folder, environment.WorkingDirectory) : null,
                StateNamespace = parseResult.GetValue(options.StateNamespace) ?? "konfig-state",
                RunKcl = environment.RunKcl,
            };
            var result = await ActionsRun.RunAsync(inputs, parseResult.GetValue(konfigDir) ?? ".", engine, token);
            foreach (var stack in result.Preview?.Stacks ?? [])
            {
                environment.Out.WriteLine(PreviewComment.SummaryLine(stack));
            }

            foreach (var stack in result.Apply?.Stacks ?? [])
            {
                environment.Out.WriteLine($"{stack.Stack}: {stack.Outcome.ToString().ToLowerInvariant()}: {stack.Summary}");
            }

            (result.Succeeded ? environment.Out : environment.Error).WriteLine(result.Succeeded ? result.Message : $"error: {result.Message}");
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }));

        var bot = new Command("bot", "The GitHub bot: previews of pull requests.");
        bot.Subcommands.Add(action);
        return bot;
    }
}
