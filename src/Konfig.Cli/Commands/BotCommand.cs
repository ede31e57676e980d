using System.CommandLine;
using System.Runtime.InteropServices;
using Konfig.Bot.Actions;
using Konfig.Bot.Comments;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Webhooks;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig bot action</c> and <c>konfig bot serve</c>: the bot inside a GitHub Actions job. It reads the job's event and token from the
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
        bot.Subcommands.Add(CreateServe(environment));
        return bot;
    }

    /// <summary>
    /// <c>konfig bot serve</c>: the webhook server (Konfig.Bot's <see cref="BotServer"/>). This reads the options and the
    /// secret files, starts it, and stops it on Ctrl-C or SIGTERM (jobs in flight are cancelled).
    /// </summary>
    private static Command CreateServe(CliEnvironment environment)
    {
        var engine = new EngineOptions();
        var serve = new Command("serve",
            "Serve GitHub's webhooks: preview pull requests (comment and statuses or check runs) and answer /konfig commands.");
        var listen = new Option<string>("--listen") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080", HelpName = "url" };
        var secretFile = new Option<string?>("--secret-file") { Description = "A file holding the webhook secret.", HelpName = "path" };
        var allow = new Option<string[]>("--allow")
        {
            Description = "The repositories to act for: owner/name or owner/* (one or more).",
            HelpName = "owner/repo",
            AllowMultipleArgumentsPerToken = true,
        };
        var tokenFile = new Option<string?>("--token-file") { Description = "A file holding a personal access token (commit statuses).", HelpName = "path" };
        var appId = new Option<long?>("--app-id") { Description = "The GitHub App's id (check runs); with --app-key-file and --installation-id.", HelpName = "id" };
        var appKeyFile = new Option<string?>("--app-key-file") { Description = "The GitHub App's private key (PEM).", HelpName = "path" };
        var installationId = new Option<long?>("--installation-id") { Description = "The GitHub App installation to act as.", HelpName = "id" };
        var githubApi = new Option<string>("--github-api") { Description = "The GitHub REST API.", DefaultValueFactory = _ => "https://api.github.com/", HelpName = "url" };
        var remote = new Option<string>("--remote")
        {
            Description = "A repository's git remote: a URL or a path, {owner}, {name} and {repository} replaced.",
            DefaultValueFactory = _ => "https://github.com/{repository}.git",
            HelpName = "template",
        };
        var workDir = new Option<string?>("--work-dir") { Description = "The bot's folder: clones, checkouts, the SQLite store, local state.", HelpName = "dir" };
        var store = new Option<string?>("--store")
        {
            Description = "sqlite:PATH (default: bot.db in --work-dir) or postgres:CONNECTION-STRING (put the password in PGPASSWORD or a passfile).",
            HelpName = "store",
        };
        var konfigDir = new Option<string>("--konfig-dir") { Description = "The Konfig workspace's folder inside the repository.", DefaultValueFactory = _ => ".", HelpName = "dir" };
        var applyWorkers = new Option<int>("--apply-workers")
        {
            Description = "How many merges apply at once, of different repositories; 0 applies none: merges wait in the store (default 1).",
            DefaultValueFactory = _ => 1,
            HelpName = "n",
        };
        var applyLease = new Option<string>("--apply-lease")
        {
            Description = "How long an apply's claim on its job holds without renewal; after a crash the merge is applied again once it expired (default 5m).",
            DefaultValueFactory = _ => "5m",
            HelpName = "duration",
        };
        foreach (var option in (Option[])[listen, secretFile, allow, tokenFile, appId, appKeyFile, installationId, githubApi, remote, workDir, store, konfigDir, applyWorkers, applyLease,
                     engine.Kubeconfig, engine.Context, engine.State, engine.StateDir, engine.StateNamespace])
        {
            serve.Options.Add(option);
        }

        serve.SetAction(parseResult => EngineRun.Synchronously(environment, async token =>
        {
            string Full(string path) => Path.GetFullPath(path, environment.WorkingDirectory);
            int Fail(string message)
            {
                environment.Error.WriteLine($"error: {message}");
                return ExitCodes.WorkspaceError;
            }

            if (!TryAbsoluteUrl(parseResult.GetValue(listen), out var listenUrl) || listenUrl.Scheme != Uri.UriSchemeHttp)
            {
                return Fail($"--listen '{parseResult.GetValue(listen)}' is not an http:// URL");
            }

            if (!TryAbsoluteUrl(parseResult.GetValue(githubApi), out var apiUrl))
            {
                return Fail($"--github-api '{parseResult.GetValue(githubApi)}' is not an absolute URL");
            }

            if (parseResult.GetValue(workDir) is not { Length: > 0 } work)
            {
                return Fail("--work-dir is required");
            }

            var repositories = parseResult.GetValue(allow) ?? [];
            if (repositories.Length == 0)
            {
                return Fail("--allow is required: the repositories to act for (owner/name or owner/*)");
            }

            try
            {
                _ = new RepositoryAllowlist(repositories);
            }
            catch (ArgumentException error)
            {
                return Fail($"--allow: {error.Message.Split(" (Parameter", 2)[0]}");
            }

            if (parseResult.GetValue(secretFile) is not { } secretPath)
            {
                return Fail("--secret-file is required: the webhook secret, in a file");
            }

            var (secret, secretError) = ReadSecret(Full(secretPath), "--secret-file");
            if (secret is null)
            {
                return Fail(secretError!);
            }

            GitHubCredentials credentials;
            var app = (Id: parseResult.GetValue(appId), Key: parseResult.GetValue(appKeyFile), Installation: parseResult.GetValue(installationId));
            var anyApp = app.Id is not null || app.Key is not null || app.Installation is not null;
            if (parseResult.GetValue(tokenFile) is { } tokenPath)
            {
                if (anyApp)
                {
                    return Fail("give --token-file or the GitHub App (--app-id, --app-key-file, --installation-id), not both");
                }

                var (tokenText, tokenError) = ReadSecret(Full(tokenPath), "--token-file");
                if (tokenText is null)
                {
                    return Fail(tokenError!);
                }

                credentials = new PersonalTokenCredentials(tokenText);
            }
            else if (anyApp)
            {
                if (app.Id is not { } id || app.Key is null || app.Installation is not { } installation)
                {
                    return Fail("a GitHub App needs all of --app-id, --app-key-file and --installation-id");
                }

                var (key, keyError) = ReadSecret(Full(app.Key), "--app-key-file");
                if (key is null)
                {
                    return Fail(keyError!);
                }

                credentials = new GitHubAppCredentials(id, key, installation);
            }
            else
            {
                return Fail("GitHub credentials are required: --token-file, or --app-id, --app-key-file and --installation-id");
            }

            var workFolder = Full(work);
            BotStoreLocation? location = null;
            if (parseResult.GetValue(store) is { } storeText)
            {
                (location, var storeError) = BotStoreLocation.Parse(storeText, environment.WorkingDirectory);
                if (location is null)
                {
                    return Fail($"--store: {storeError}");
                }
            }

            var workers = parseResult.GetValue(applyWorkers);
            if (workers < 0)
            {
                return Fail($"--apply-workers {workers} is below 0");
            }

            var leaseText = parseResult.GetValue(applyLease) ?? "";
            if (!DurationText.TryParse(leaseText, out var lease) || lease <= TimeSpan.Zero)
            {
                return Fail($"--apply-lease '{leaseText}' is not a positive duration such as 90s, 5m or 1h");
            }

            // Checkouts are thrown away after each job, so local state cannot live in the workspace as it does for the CLI.
            var state = parseResult.GetValue(engine.State) == EngineOptions.KubernetesState ? StateBackend.Kubernetes : StateBackend.Local;
            var options = new BotServerOptions
            {
                Listen = listenUrl,
                WebhookSecret = secret,
                Repositories = repositories,
                Credentials = credentials,
                GitHubApi = apiUrl,
                RemoteTemplate = parseResult.GetValue(remote)!,
                WorkFolder = workFolder,
                KonfigFolder = parseResult.GetValue(konfigDir) ?? ".",
                Store = location,
                ApplyWorkers = workers,
                ApplyLease = lease,
                Engine = new StackRunSessionOptions
                {
                    KubeconfigPath = parseResult.GetValue(engine.Kubeconfig) is { } kubeconfig ? Full(kubeconfig) : null,
                    Context = parseResult.GetValue(engine.Context),
                    State = state,
                    StateFolder = state == StateBackend.Local ? Full(parseResult.GetValue(engine.StateDir) ?? Path.Combine(workFolder, "state")) : null,
                    StateNamespace = parseResult.GetValue(engine.StateNamespace) ?? "konfig-state",
                    RunKcl = environment.RunKcl,
                },
            };

            // SIGTERM (docker stop, Kubernetes) stops the server as Ctrl-C does.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });

            BotServer server;
            try
            {
                server = await BotServer.StartAsync(options, stop.Token);
            }
            catch (Exception error) when (error is IOException or System.Data.Common.DbException or ArgumentException)
            {
                return Fail($"the bot server could not start: {error.Message}");
            }

            await using (server)
            {
                environment.Out.WriteLine($"listening on {server.Url}webhook for {string.Join(", ", repositories)}");
                environment.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    environment.Out.WriteLine("stopping: jobs in flight are cancelled");
                }
            }

            environment.Out.WriteLine("stopped");
            return ExitCodes.Success;
        }));
        return serve;
    }

    private static bool TryAbsoluteUrl(string? text, out Uri url)
    {
        url = null!;
        return text is not null && Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>A secret from a file, trimmed (editors add a final newline); the error names the option and the file.</summary>
    private static (string? Secret, string? Error) ReadSecret(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return (null, $"{option}: cannot read {path}: {error.Message}");
        }

        return text.Length == 0 ? (null, $"{option}: {path} is empty") : (text, null);
    }
}
