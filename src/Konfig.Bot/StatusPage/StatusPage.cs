using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Konfig.Bot.Storage;

namespace Konfig.Bot.StatusPage;

/// <summary>
/// The bot's status page: the apply queue and its locks, recent runs per stack with their previews and
/// results, and the current pull-request previews. Server-rendered HTML with an inline stylesheet and no
/// script (the page works with JavaScript off and loads nothing else), or JSON for scripts. Every stored
/// value is HTML-encoded: stack paths, summaries and previews come from pull requests.
/// </summary>
public sealed class StatusPage(IBotStore store, TimeProvider? time = null)
{
    /// <summary>How many recent runs are read in all, and how many are shown per stack.</summary>
    public const int RunsRead = 200;
    public const int RunsPerStack = 10;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Reads the queue, the recent runs grouped per stack, and the previews of their pull requests.</summary>
    public async Task<StatusReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var queue = await store.ActiveJobsAsync(cancellationToken);
        var runs = await store.RecentRunsAsync(limit: RunsRead, cancellationToken: cancellationToken);

        // Runs come newest first, so the stack changed most recently comes first.
        var stacks = runs
            .GroupBy(run => (run.Repo, run.StackPath))
            .Select(group => new StackHistory(group.Key.Repo, group.Key.StackPath, group.Take(RunsPerStack).ToList()))
            .ToList();

        var previews = new List<PullRequestPreviews>();
        var pullRequests = runs.Where(run => run.PullRequest is not null)
            .Select(run => (run.Repo, PullRequest: run.PullRequest!.Value))
            .Distinct();
        foreach (var (repo, pullRequest) in pullRequests)
        {
            var current = await store.PreviewsAsync(repo, pullRequest, cancellationToken);
            if (current.Count > 0)
            {
                previews.Add(new PullRequestPreviews(repo, pullRequest, current));
            }
        }

        return new StatusReport(now, queue, stacks, previews);
    }

    public async Task<string> RenderHtmlAsync(CancellationToken cancellationToken = default) =>
        RenderHtml(await ReadAsync(cancellationToken));

    public async Task<string> RenderJsonAsync(CancellationToken cancellationToken = default) =>
        RenderJson(await ReadAsync(cancellationToken));

    public static string RenderJson(StatusReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string RenderHtml(StatusReport report)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Konfig bot status</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; }
            table { border-collapse: collapse; margin-bottom: 1rem; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
            pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
            .succeeded { color: #1a7f37; } .failed { color: #cf222e; } .skipped, .muted { color: #656d76; }
            .running { font-weight: bold; }
            </style>
            </head>
            <body>
            <h1>Konfig bot status</h1>

            """);
        html.Append("<p class=\"muted\">Generated at ").Append(Time(report.GeneratedAt)).Append(".</p>\n");

        if (report.IsEmpty)
        {
            html.Append("<p id=\"empty\">Nothing yet: no apply is queued and no stack has run.</p>\n");
        }

        AppendQueue(html, report);
        AppendRuns(html, report);
        AppendPreviews(html, report);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendQueue(StringBuilder html, StatusReport report)
    {
        html.Append("<section id=\"queue\">\n<h2>Queue</h2>\n");
        if (report.Queue.Count == 0)
        {
            html.Append("<p>No apply is pending or running: no stack is locked.</p>\n</section>\n");
            return;
        }

        html.Append("<p>").Append(report.Queue.Count).Append(" job(s); ").Append(report.Locks.Count)
            .Append(" stack(s) locked by a running apply.</p>\n");
        html.Append("<table>\n<thead><tr><th>Job</th><th>Repository</th><th>Stack</th><th>Commit</th><th>PR</th><th>State</th><th>Worker</th><th>Lease</th><th>Enqueued</th></tr></thead>\n<tbody>\n");
        foreach (var job in report.Queue)
        {
            var state = job.State == JobState.Running ? "running" : "pending";
            html.Append("<tr class=\"").Append(state).Append("\">")
                .Append("<td>").Append(job.Id).Append("</td>")
                .Append("<td>").Append(Text(job.Repo)).Append("</td>")
                .Append("<td><code>").Append(Text(job.StackPath)).Append("</code></td>")
                .Append("<td>").Append(Commit(job.CommitSha)).Append("</td>")
                .Append("<td>").Append(PullRequest(job.PullRequest)).Append("</td>")
                .Append("<td>").Append(state).Append(job.Attempt > 1 ? $" (attempt {job.Attempt})" : "").Append("</td>")
                .Append("<td>").Append(Text(job.WorkerId ?? "")).Append("</td>")
                .Append("<td>").Append(Lease(job, report.GeneratedAt)).Append("</td>")
                .Append("<td>").Append(Time(job.EnqueuedAt)).Append("</td>")
                .Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendRuns(StringBuilder html, StatusReport report)
    {
        html.Append("<section id=\"runs\">\n<h2>Recent runs</h2>\n");
        if (report.Stacks.Count == 0)
        {
            html.Append("<p>No preview or apply has run yet.</p>\n</section>\n");
            return;
        }

        foreach (var stack in report.Stacks)
        {
            html.Append("<div class=\"stack\">\n<h3><code>").Append(Text(stack.StackPath)).Append("</code> <span class=\"muted\">")
                .Append(Text(stack.Repo)).Append("</span></h3>\n");
            html.Append("<table>\n<thead><tr><th>Kind</th><th>Outcome</th><th>Commit</th><th>PR</th><th>Finished</th><th>Took</th><th>Summary</th></tr></thead>\n<tbody>\n");
            foreach (var run in stack.Runs)
            {
                var outcome = StoreText.Name(run.Outcome);
                html.Append("<tr class=\"run\">")
                    .Append("<td>").Append(StoreText.Name(run.Kind)).Append("</td>")
                    .Append("<td class=\"").Append(outcome).Append("\">").Append(outcome).Append("</td>")
                    .Append("<td>").Append(Commit(run.CommitSha)).Append("</td>")
                    .Append("<td>").Append(PullRequest(run.PullRequest)).Append("</td>")
                    .Append("<td>").Append(Time(run.FinishedAt)).Append("</td>")
                    .Append("<td>").Append(Duration(run.FinishedAt - run.StartedAt)).Append("</td>")
                    .Append("<td>").Append(Text(run.Summary));
                if (!string.IsNullOrEmpty(run.PreviewMarkdown))
                {
                    // The Markdown as text: rendering it would need a Markdown library and trust in its output.
                    html.Append("<details><summary>Preview</summary><pre>").Append(Text(run.PreviewMarkdown)).Append("</pre></details>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendPreviews(StringBuilder html, StatusReport report)
    {
        if (report.Previews.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"previews\">\n<h2>Pull-request previews</h2>\n");
        foreach (var pullRequest in report.Previews)
        {
            html.Append("<h3>").Append(Text(pullRequest.Repo)).Append(' ').Append(PullRequest(pullRequest.PullRequest)).Append("</h3>\n");
            html.Append("<table>\n<thead><tr><th>Stack</th><th>Commit</th><th>Made</th><th>Summary</th></tr></thead>\n<tbody>\n");
            foreach (var preview in pullRequest.Previews)
            {
                html.Append("<tr class=\"preview\">")
                    .Append("<td><code>").Append(Text(preview.StackPath)).Append("</code></td>")
                    .Append("<td>").Append(Commit(preview.CommitSha)).Append("</td>")
                    .Append("<td>").Append(Time(preview.CreatedAt)).Append("</td>")
                    .Append("<td>").Append(Text(preview.Summary));
                if (preview.OutdatedBy is { } outdatedBy)
                {
                    html.Append(" <strong class=\"outdated\">outdated by ").Append(Commit(outdatedBy)).Append("</strong>");
                }

                html.Append("<details><summary>Preview</summary><pre>").Append(Text(preview.Markdown)).Append("</pre></details></td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// Text for an element's content or a double-quoted attribute. Only the five markup characters are escaped
    /// (not newlines or non-ASCII, as HtmlEncoder does), so previews stay readable in the page source.
    /// </summary>
    private static string Text(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var character in value)
        {
            text.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => character.ToString(),
            });
        }

        return text.ToString();
    }

    private static string Commit(string sha) =>
        $"<code title=\"{Text(sha)}\">{Text(sha.Length > 7 ? sha[..7] : sha)}</code>";

    private static string PullRequest(int? number) => number is { } value ? "#" + value.ToString(CultureInfo.InvariantCulture) : "";

    private static string Time(DateTimeOffset value) =>
        $"<time datetime=\"{value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</time>";

    private static string Lease(ApplyJob job, DateTimeOffset now)
    {
        if (job.LeaseUntil is not { } until)
        {
            return "";
        }

        // An expired lease means the worker is gone: the job is claimed again by the next worker that asks.
        return until <= now
            ? $"expired {Duration(now - until)} ago"
            : $"{Duration(until - now)} left";
    }

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => "0s",
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds}s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m {span.Seconds}s",
        _ => $"{(int)span.TotalHours}h {span.Minutes}m",
    };
}
