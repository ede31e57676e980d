using System.Text.Json;
using FluentAssertions;
using Konfig.Bot.Storage;

namespace Konfig.Bot.Tests.StatusPage;

using Page = Konfig.Bot.StatusPage.StatusPage;

public sealed class StatusPageTests : IAsyncLifetime
{
    private StatusStore _store = null!;

    public async Task InitializeAsync() => _store = await StatusStore.OpenAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Page Page => new(_store.Store, _store.Time);

    [Fact]
    public async Task An_empty_store_gives_the_empty_state_and_no_tables()
    {
        var html = await Page.RenderHtmlAsync();

        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<title>Konfig bot status</title>");
        html.Should().Contain("<p id=\"empty\">Nothing yet: no apply is queued and no stack has run.</p>");
        html.Should().Contain("No apply is pending or running: no stack is locked.");
        html.Should().Contain("No preview or apply has run yet.");
        html.Should().NotContain("<table").And.NotContain("id=\"previews\"");
        html.Should().Contain("<time datetime=\"2026-03-14T09:30:00Z\">2026-03-14 09:30:00 UTC</time>");
    }

    [Fact]
    public async Task The_queue_shows_the_running_job_holding_its_stack_and_the_pending_one()
    {
        await _store.FillAsync();
        _store.Time.Advance(TimeSpan.FromSeconds(90));

        var report = await Page.ReadAsync();
        var html = Page.RenderHtml(report);

        report.Queue.Select(job => (job.StackPath, job.State)).Should().Equal(
            ("apps/web/prod", JobState.Running), ("apps/api/prod", JobState.Pending));
        report.Locks.Should().ContainSingle().Which.StackPath.Should().Be("apps/web/prod");
        html.Should().NotContain("id=\"empty\"");
        html.Should().Contain("2 job(s); 1 stack(s) locked by a running apply.");
        var queue = Section(html, "queue");
        queue.Should().Contain("<tr class=\"running\"><td>1</td><td>octo-org/platform</td><td><code>apps/web/prod</code></td>"
            + $"<td><code title=\"{StatusStore.RunningSha}\">a1b2c3d</code></td><td>#42</td><td>running</td><td>worker-1</td><td>3m 30s left</td>");
        queue.Should().Contain("<tr class=\"pending\"><td>2</td><td>octo-org/platform</td><td><code>apps/api/prod</code></td>"
            + $"<td><code title=\"{StatusStore.PendingSha}\">0f1e2d3</code></td><td></td><td>pending</td><td></td><td></td>");
    }

    [Fact]
    public async Task A_lease_past_its_end_is_shown_expired()
    {
        await _store.FillAsync();
        _store.Time.Advance(TimeSpan.FromMinutes(7));

        Section(await Page.RenderHtmlAsync(), "queue").Should().Contain("<td>worker-1</td><td>expired 2m 0s ago</td>");
    }

    [Fact]
    public async Task Runs_are_grouped_per_stack_newest_first_with_the_preview_as_text_in_details()
    {
        await _store.FillAsync();
        var start = _store.Time.GetUtcNow();
        await _store.Store.RecordRunAsync(new RunRecord(StatusStore.Repo, "apps/api/prod", RunKind.Apply, StatusStore.PendingSha, null,
            RunOutcome.Skipped, "skipped: apps/web/prod failed", null, start, start));

        var report = await Page.ReadAsync();
        var runs = Section(Page.RenderHtml(report), "runs");

        report.Stacks.Select(stack => (stack.StackPath, stack.Runs.Count)).Should().Equal(("apps/api/prod", 1), ("apps/web/prod", 2));
        runs.IndexOf("<h3><code>apps/api/prod</code>", StringComparison.Ordinal).Should()
            .BeLessThan(runs.IndexOf("<h3><code>apps/web/prod</code>", StringComparison.Ordinal)).And.BeGreaterThan(-1);
        runs.Should().Contain("<td>apply</td><td class=\"skipped\">skipped</td>");
        runs.Should().Contain("<td>preview</td><td class=\"succeeded\">succeeded</td><td><code title=\"" + StatusStore.RunningSha
            + "\">a1b2c3d</code></td><td>#42</td><td><time datetime=\"2026-03-14T09:21:35Z\">2026-03-14 09:21:35 UTC</time></td><td>1m 35s</td>"
            + "<td>1 to create<details><summary>Preview</summary><pre>```diff\n+ apps/Deployment/web (replicas: 3)\n```</pre></details></td>");
        runs.Should().Contain("<td class=\"failed\">failed</td>").And.Contain("compile error at apps/web/main.k:3</td>");
        // Only the run with a preview gets a <details>.
        CountOf(runs, "<details>").Should().Be(1);
    }

    [Fact]
    public async Task Stored_text_is_shown_as_text_never_as_markup()
    {
        const string stack = "apps/<script>alert('stack')</script>";
        var start = _store.Time.GetUtcNow();
        await _store.Store.EnqueueAsync(new ApplyRequest("octo/<b>repo</b>", stack, "<img src=x onerror=alert(1)>", 1));
        await _store.Store.RecordRunAsync(new RunRecord("octo/repo", stack, RunKind.Preview, "abc", 1, RunOutcome.Failed,
            "<script>alert('summary')</script>", "</pre></details><script>alert('preview')</script>", start, start));
        await _store.Store.SavePreviewAsync(new PreviewRecord("octo/repo", 1, stack, "abc", "<i>summary</i>", "<script>x</script>", start, "\"><script>y</script>"));

        var html = await Page.RenderHtmlAsync();

        html.Should().NotContain("<script").And.NotContain("<b>").And.NotContain("<img").And.NotContain("<i>");
        html.Should().Contain("apps/&lt;script&gt;alert(&#39;stack&#39;)&lt;/script&gt;");
        html.Should().Contain("&lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt;");
        html.Should().Contain("<pre>&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(&#39;preview&#39;)&lt;/script&gt;</pre>");
        html.Should().Contain("octo/&lt;b&gt;repo&lt;/b&gt;");
        // Every <pre> and <details> the page opens, it closes: the preview text did not end them early.
        CountOf(html, "<pre>").Should().Be(CountOf(html, "</pre>")).And.Be(2);
        CountOf(html, "<details>").Should().Be(CountOf(html, "</details>")).And.Be(2);
    }

    [Fact]
    public async Task The_current_previews_of_the_runs_pull_requests_are_listed_with_their_outdated_mark()
    {
        await _store.FillAsync();
        var now = _store.Time.GetUtcNow();
        await _store.Store.SavePreviewAsync(new PreviewRecord(StatusStore.Repo, 42, "apps/web/prod", StatusStore.RunningSha, "1 to create", "diff 42", now));
        await _store.Store.SavePreviewAsync(new PreviewRecord(StatusStore.Repo, 41, "apps/web/prod", StatusStore.PendingSha, "1 to update", "diff 41", now));
        await _store.Store.MarkPreviewsOutdatedAsync(StatusStore.Repo, ["apps/web/prod"], 42, "ffffffffeeeeeeee");

        var report = await Page.ReadAsync();
        var previews = Section(Page.RenderHtml(report), "previews");

        report.Previews.Select(pr => pr.PullRequest).Should().Equal(42, 41);
        previews.Should().Contain("<h3>octo-org/platform #42</h3>").And.Contain("<h3>octo-org/platform #41</h3>");
        previews.Should().Contain("1 to update <strong class=\"outdated\">outdated by <code title=\"ffffffffeeeeeeee\">fffffff</code></strong>");
        CountOf(previews, "outdated by").Should().Be(1);
        previews.Should().Contain("<pre>diff 42</pre>").And.Contain("<pre>diff 41</pre>");
    }

    [Fact]
    public async Task The_json_variant_holds_the_same_report_with_enums_as_names()
    {
        await _store.FillAsync();

        using var json = JsonDocument.Parse(await Page.RenderJsonAsync());
        var root = json.RootElement;

        root.GetProperty("generatedAt").GetDateTimeOffset().Should().Be(_store.Time.GetUtcNow());
        root.GetProperty("queue").EnumerateArray().Select(job => job.GetProperty("state").GetString()).Should().Equal("running", "pending");
        root.GetProperty("locks").EnumerateArray().Select(job => job.GetProperty("workerId").GetString()).Should().Equal("worker-1");
        var stack = root.GetProperty("stacks").EnumerateArray().Should().ContainSingle().Subject;
        stack.GetProperty("stackPath").GetString().Should().Be("apps/web/prod");
        var runs = stack.GetProperty("runs").EnumerateArray().ToList();
        runs.Select(run => run.GetProperty("outcome").GetString()).Should().Equal("succeeded", "failed");
        runs[0].GetProperty("kind").GetString().Should().Be("preview");
        runs[0].GetProperty("previewMarkdown").GetString().Should().Contain(StatusStore.PreviewText);
        root.GetProperty("isEmpty").GetBoolean().Should().BeFalse();
    }

    /// <summary>The text of the page's &lt;section id="ID"&gt;.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, $"the page has a {id} section");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
