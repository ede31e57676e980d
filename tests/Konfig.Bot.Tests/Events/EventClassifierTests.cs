using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Commands;
using Konfig.Bot.Events;
using Konfig.FakeGitHub;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Events;

/// <summary>
/// Every pull_request, push, issue_comment and merge_group example of @octokit/webhooks-examples, delivered
/// signed through the gate, classified as the payload's own fields say. The examples hold no merged pull
/// request and no comment on a pull request, so those cases change the examples' fields as GitHub would.
/// </summary>
public sealed class EventClassifierTests
{
    private static readonly string[] PreviewActions = ["opened", "reopened", "synchronize", "ready_for_review"];

    private static WebhookVerdict Deliver(string eventName, JsonObject payload) =>
        new WebhookGate(new WebhookVerifier(WebhookExamples.Secret), new RepositoryAllowlist([Owner(payload) + "/*"]), new InMemoryDeliveryLog())
            .Check(WebhookExamples.Delivery(eventName, payload));

    private static string Owner(JsonObject payload) => S(payload, "repository.owner.login");

    private static string S(JsonObject payload, string path) => path.Split('.').Aggregate((JsonNode?)payload, (n, k) => n?[k])!.GetValue<string>();

    private static int N(JsonObject payload, string path) => path.Split('.').Aggregate((JsonNode?)payload, (n, k) => n?[k])!.GetValue<int>();

    private static BotAction Accepted(WebhookVerdict verdict) => verdict.Should().BeOfType<WebhookAccepted>().Subject.Action;

    private static void Ignored(WebhookVerdict verdict) =>
        verdict.Should().BeOfType<WebhookRejected>().Which.Should().Match<WebhookRejected>(r => r.Code == 202 && r.Reason.StartsWith("ignored: "));

    [RequiresGitHubArtifactsFact]
    public void Every_pull_request_example_is_classified_by_its_action()
    {
        var seen = new List<string>();
        foreach (var payload in WebhookExamples.Of("pull_request"))
        {
            var action = S(payload, "action");
            var verdict = Deliver("pull_request", payload);
            var number = N(payload, "number");
            if (PreviewActions.Contains(action) && !payload["pull_request"]!["draft"]!.GetValue<bool>())
            {
                Accepted(verdict).Should().Be(new PreviewAction(
                    S(payload, "repository.full_name"), number, S(payload, "pull_request.head.sha"), S(payload, "pull_request.base.ref"), $"refs/pull/{number}/merge"));
                seen.Add("preview");
            }
            else if (action == "closed")
            {
                payload["pull_request"]!["merged"]!.GetValue<bool>().Should().BeFalse("the examples hold only unmerged closes");
                Accepted(verdict).Should().Be(new CleanUpAction(S(payload, "repository.full_name"), number));
                seen.Add("cleanup");
            }
            else
            {
                Ignored(verdict);
                seen.Add("ignored");
            }
        }

        seen.Should().Contain(["preview", "cleanup", "ignored"]);
        seen.Count(s => s == "preview").Should().BeGreaterThanOrEqualTo(PreviewActions.Length);
    }

    [RequiresGitHubArtifactsFact]
    public void A_merged_pull_request_into_the_default_branch_is_applied_at_its_merge_commit()
    {
        var closed = WebhookExamples.Of("pull_request").Where(p => S(p, "action") == "closed").ToList();
        closed.Should().NotBeEmpty();
        foreach (var payload in closed)
        {
            payload["pull_request"]!["merged"] = true;

            Accepted(Deliver("pull_request", payload)).Should().Be(new ApplyAction(
                S(payload, "repository.full_name"), N(payload, "number"), S(payload, "pull_request.merge_commit_sha"), S(payload, "repository.default_branch")));
        }
    }

    [RequiresGitHubArtifactsFact]
    public void A_pull_request_merged_into_another_branch_is_only_cleaned_up()
    {
        var payload = WebhookExamples.Of("pull_request").First(p => S(p, "action") == "closed");
        payload["pull_request"]!["merged"] = true;
        payload["pull_request"]!["base"]!["ref"] = "release-1";

        Accepted(Deliver("pull_request", payload)).Should().Be(new CleanUpAction(S(payload, "repository.full_name"), N(payload, "number")));
    }

    [RequiresGitHubArtifactsFact]
    public void Drafts_get_no_preview_until_ready_for_review()
    {
        foreach (var action in (string[])["opened", "synchronize", "reopened"])
        {
            var payload = WebhookExamples.Of("pull_request").First(p => S(p, "action") == action);
            payload["pull_request"]!["draft"] = true;

            Ignored(Deliver("pull_request", payload));
        }

        var ready = WebhookExamples.Of("pull_request").First(p => S(p, "action") == "ready_for_review");
        Accepted(Deliver("pull_request", ready)).Should().BeOfType<PreviewAction>();
    }

    [RequiresGitHubArtifactsFact]
    public void A_pull_request_moved_to_another_base_branch_is_previewed_again_and_other_edits_are_not()
    {
        var payload = WebhookExamples.Of("pull_request").First(p => S(p, "action") == "opened");
        payload["action"] = "edited";
        payload["changes"] = new JsonObject { ["title"] = new JsonObject { ["from"] = "Old title" } };
        Ignored(Deliver("pull_request", payload));

        payload["changes"] = new JsonObject { ["base"] = new JsonObject { ["ref"] = new JsonObject { ["from"] = "develop" } } };
        var number = N(payload, "number");
        Accepted(Deliver("pull_request", payload)).Should().Be(new PreviewAction(
            S(payload, "repository.full_name"), number, S(payload, "pull_request.head.sha"), S(payload, "pull_request.base.ref"), $"refs/pull/{number}/merge"));
    }

    [RequiresGitHubArtifactsFact]
    public void Every_push_example_to_the_default_branch_is_applied_and_the_rest_ignored()
    {
        var applied = 0;
        var ignored = 0;
        foreach (var payload in WebhookExamples.Of("push"))
        {
            var verdict = Deliver("push", payload);
            var toDefault = S(payload, "ref") == "refs/heads/" + S(payload, "repository.default_branch");
            if (toDefault && !payload["deleted"]!.GetValue<bool>())
            {
                Accepted(verdict).Should().Be(new ApplyAction(S(payload, "repository.full_name"), null, S(payload, "after"), S(payload, "repository.default_branch")));
                applied++;
            }
            else
            {
                Ignored(verdict);
                ignored++;
            }
        }

        applied.Should().BePositive();
        ignored.Should().BePositive();
    }

    [RequiresGitHubArtifactsFact]
    public void Deleting_the_default_branch_is_not_applied()
    {
        var payload = WebhookExamples.Of("push").First(p => S(p, "ref") == "refs/heads/" + S(p, "repository.default_branch"));
        payload["deleted"] = true;
        payload["after"] = new string('0', 40);

        Ignored(Deliver("push", payload));
    }

    [RequiresGitHubArtifactsFact]
    public void The_issue_comment_examples_are_on_issues_and_ignored()
    {
        var examples = WebhookExamples.Of("issue_comment");
        examples.Should().NotBeEmpty();
        foreach (var payload in examples)
        {
            payload["issue"]!.AsObject().ContainsKey("pull_request").Should().BeFalse();
            Ignored(Deliver("issue_comment", payload));
        }
    }

    [RequiresGitHubArtifactsFact]
    public void A_new_konfig_comment_on_a_pull_request_is_a_command_and_edits_or_deletions_are_not()
    {
        foreach (var payload in WebhookExamples.Of("issue_comment"))
        {
            OnPullRequest(payload, "  /konfig preview -s apps/web/dev --stack apps/api/prod\nplease");
            var verdict = Deliver("issue_comment", payload);
            if (S(payload, "action") != "created")
            {
                Ignored(verdict);
                continue;
            }

            var command = Accepted(verdict).Should().BeOfType<CommandAction>().Subject;
            command.Repository.Should().Be(S(payload, "repository.full_name"));
            command.PullRequest.Should().Be(N(payload, "issue.number"));
            command.CommentId.Should().Be(payload["comment"]!["id"]!.GetValue<long>());
            command.User.Should().Be(S(payload, "comment.user.login"));
            command.AuthorAssociation.Should().Be(S(payload, "comment.author_association"));
            command.Parsed.Command.Should().BeEquivalentTo(new BotCommand(CommandVerb.Preview, ["apps/web/dev", "apps/api/prod"]));
        }
    }

    [RequiresGitHubArtifactsFact]
    public void A_bad_command_is_still_a_command_carrying_the_error_for_the_help_reply()
    {
        var payload = WebhookExamples.Of("issue_comment").First(p => S(p, "action") == "created");
        OnPullRequest(payload, "/konfig destroy");

        var command = Accepted(Deliver("issue_comment", payload)).Should().BeOfType<CommandAction>().Subject;

        command.Parsed.Success.Should().BeFalse();
        command.Parsed.Error!.Column.Should().Be(9);
    }

    [RequiresGitHubArtifactsFact]
    public void Comments_that_are_not_commands_or_come_from_bots_are_ignored()
    {
        var payload = WebhookExamples.Of("issue_comment").First(p => S(p, "action") == "created");
        OnPullRequest(payload, "I ran /konfig preview already");
        Ignored(Deliver("issue_comment", payload));

        OnPullRequest(payload, "/konfigure");
        Ignored(Deliver("issue_comment", payload));

        OnPullRequest(payload, "/konfig help");
        payload["comment"]!["user"]!["type"] = "Bot";
        Ignored(Deliver("issue_comment", payload));
    }

    [RequiresGitHubArtifactsFact]
    public void Every_merge_group_example_previews_the_group_head()
    {
        var examples = WebhookExamples.Of("merge_group");
        examples.Should().NotBeEmpty();
        foreach (var payload in examples)
        {
            S(payload, "action").Should().Be("checks_requested");
            Accepted(Deliver("merge_group", payload)).Should().Be(new PreviewAction(
                S(payload, "repository.full_name"),
                null,
                S(payload, "merge_group.head_sha"),
                S(payload, "merge_group.base_ref")["refs/heads/".Length..],
                S(payload, "merge_group.head_ref")));
        }
    }

    /// <summary>What GitHub sends for a comment on a pull request: the issue carries a pull_request object.</summary>
    private static void OnPullRequest(JsonObject payload, string body)
    {
        var issue = payload["issue"]!.AsObject();
        var url = S(payload, "repository.url") + "/pulls/" + N(payload, "issue.number");
        issue["pull_request"] = new JsonObject { ["url"] = url, ["html_url"] = url, ["diff_url"] = url + ".diff", ["patch_url"] = url + ".patch" };
        payload["comment"]!["body"] = body;
    }
}
