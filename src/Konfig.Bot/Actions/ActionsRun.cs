using System.Text.Json;
using System.Text.Json.Nodes;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Engine.Runs;

namespace Konfig.Bot.Actions;

/// <summary>What a GitHub Actions job gives the bot: the event, its payload file, a token, the API and the checkout.</summary>
public sealed record ActionsInputs(string EventName, string EventPath, string Token, Uri ApiUrl, string Workspace)
{
    /// <summary>
    /// Reads the variables GitHub Actions sets (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_TOKEN, GITHUB_API_URL,
    /// GITHUB_WORKSPACE); the error names the first one missing.
    /// </summary>
    public static (ActionsInputs? Inputs, string? Error) FromEnvironment(Func<string, string?> variable, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Read(string name) => variable(name) is { Length: > 0 } value ? value : null;
        if (Read("GITHUB_EVENT_NAME") is not { } eventName)
        {
            return (null, "GITHUB_EVENT_NAME is not set: this runs in a GitHub Actions job");
        }

        if (Read("GITHUB_EVENT_PATH") is not { } eventPath)
        {
            return (null, "GITHUB_EVENT_PATH is not set: this runs in a GitHub Actions job");
        }

        if (Read("GITHUB_TOKEN") is not { } token)
        {
            return (null, "GITHUB_TOKEN is not set: pass it to the step (env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})");
        }

        var api = Read("GITHUB_API_URL") ?? "https://api.github.com";
        if (!Uri.TryCreate(api.EndsWith('/') ? api : api + "/", UriKind.Absolute, out var apiUrl))
        {
            return (null, $"GITHUB_API_URL is not an absolute URL: '{api}'");
        }

        return (new ActionsInputs(eventName, eventPath, token, apiUrl, Read("GITHUB_WORKSPACE") ?? workingDirectory), null);
    }
}

/// <summary>What the run did: the action the event asked for, the preview when there was one, and a line saying what happened.</summary>
public sealed record ActionsResult(BotAction? Action, PreviewReport? Preview, string Message, bool Succeeded)
{
    /// <summary>The apply, when the event was a push to (or a merge into) the default branch.</summary>
    public MergeApplyReport? Apply { get; init; }
}

/// <summary>
/// The bot in a GitHub Actions job (`konfig bot action`): one event, read from the job's payload file, handled with
/// the job's token (so commit statuses, not check runs). It previews pull requests and merge groups, and applies a
/// push to the default branch (the checkout is the pushed commit; its first parent is the branch before it).
/// A merge sends two events, the merged <c>pull_request</c> and the <c>push</c>: a workflow should apply on <c>push</c>
/// only. Clean-up and comment commands run in the bot server only.
/// </summary>
public static class ActionsRun
{
    public static async Task<ActionsResult> RunAsync(
        ActionsInputs inputs, string workspaceFolder, StackRunSessionOptions engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(await File.ReadAllTextAsync(inputs.EventPath, cancellationToken).ConfigureAwait(false)) as JsonObject
                ?? throw new JsonException("the payload is not a JSON object");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return new ActionsResult(null, null, $"cannot read the event payload {inputs.EventPath}: {error.Message}", false);
        }

        BotAction action;
        try
        {
            action = EventClassifier.Classify(inputs.EventName, payload);
        }
        catch (PayloadException error)
        {
            return new ActionsResult(null, null, $"{inputs.EventPath}: {error.Message}", false);
        }

        var root = Path.GetFullPath(Path.Combine(inputs.Workspace, workspaceFolder));
        switch (action)
        {
            case PreviewAction preview:
                using (var github = GitHubFor(inputs))
                {
                    var context = new BotContext(github, engine, ReportStyle.CommitStatuses);
                    var report = await PullRequestPreview.RunAsync(context, preview, root, cancellationToken).ConfigureAwait(false);
                    var message = report.Error ?? $"previewed {report.Stacks.Count} stack(s) of {preview.Repository} at {preview.HeadSha}";
                    return new ActionsResult(action, report, message, report.Succeeded);
                }

            case ApplyAction apply:
                using (var github = GitHubFor(inputs))
                {
                    var context = new BotContext(github, engine, ReportStyle.CommitStatuses);
                    var report = await MergeApply.RunAsync(context, apply, root, new MergeApplyOptions(), cancellationToken).ConfigureAwait(false);
                    var message = report.Error ?? string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"applied {report.Stacks.Count(s => s.Outcome == StackApplyOutcome.Applied)} of {report.Stacks.Count} stack(s) of {apply.Repository} at {apply.Sha}");
                    return new ActionsResult(action, null, message, report.Succeeded) { Apply = report };
                }

            case IgnoredAction ignored:
                return new ActionsResult(action, null, $"nothing to do: {ignored.Reason}", true);

            default:
                return new ActionsResult(action, null,
                    $"{inputs.EventName}: {action.GetType().Name.Replace("Action", "", StringComparison.Ordinal).ToLowerInvariant()} is done by the bot server, not in Actions mode", true);
        }
    }

    private static OctokitGitHubApi GitHubFor(ActionsInputs inputs) => new(new GitHubApiOptions
    {
        BaseAddress = inputs.ApiUrl,
        Credentials = new PersonalTokenCredentials(inputs.Token),
    });
}
