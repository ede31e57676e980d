using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Affected.Analysis;
using Konfig.Affected.Git;
using Konfig.Affected.Graph;
using Konfig.Affected.Output;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// Every changed file that reaches a stack is a reason for it: the analysis on snapshots built in memory (no git),
/// and the text and JSON outputs of its result.
/// </summary>
public sealed class AffectedReasonsTests
{
    private const string Frontend = "base/pkg/frontend";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["kcl.mod"] = "[package]\nname = \"konfig\"\n",
        [$"{Frontend}/app.k"] = "schema App:\n    name: str\n",
        [$"{Frontend}/probe.k"] = "schema Probe:\n    path: str = \"/\"\n",
        [$"{Frontend}/old.k"] = "schema Old:\n    x: int = 1\n",
        ["apps/web/project.yaml"] = "name: web\n",
        ["apps/web/dev/stack.yaml"] = "name: dev\n",
        ["apps/web/dev/kcl.yaml"] = "kcl_cli_configs:\n  file:\n    - main.k\n",
        ["apps/web/dev/main.k"] = "import base.pkg.frontend\n\napp = frontend.App {name = \"web\"}\n",
        ["apps/web/prod/stack.yaml"] = "name: prod\n",
        ["apps/web/prod/kcl.yaml"] = "kcl_cli_configs:\n  file:\n    - main.k\n",
        ["apps/web/prod/main.k"] = "import base.pkg.frontend\n\napp = frontend.App {name = \"web\"}\n",
        ["apps/tools/project.yaml"] = "name: tools\n",
        ["apps/tools/dev/stack.yaml"] = "name: dev\n",
        ["apps/tools/dev/kcl.yaml"] = "kcl_cli_configs:\n  file:\n    - main.k\n",
        ["apps/tools/dev/main.k"] = "name = \"tools\"\n",
    };

    private static DependencyGraph Graph(Dictionary<string, string> files)
    {
        var facts = new Dictionary<string, FileFacts>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            if (FactExtractor.Extract(path, Encoding.UTF8.GetBytes(content), blobId: null) is { } extracted)
            {
                facts[path] = extracted;
            }
        }

        return DependencyGraph.Build(new RepositorySnapshot(facts));
    }

    private static GitChange Modified(string path) => new(GitChangeKind.Modified, path, null, null, null);

    private static AffectedResult Analyze(IReadOnlyList<GitChange> changes, Dictionary<string, string>? head = null)
    {
        var baseGraph = Graph(Files);
        return AffectedAnalyzer.Analyze(changes, () => baseGraph, head is null ? baseGraph : Graph(head), new GlobalTriggers([], []));
    }

    [Fact]
    public void Each_changed_file_that_reaches_a_stack_is_a_reason_for_it_the_shortest_first()
    {
        var result = Analyze([Modified($"{Frontend}/app.k"), Modified($"{Frontend}/probe.k"), Modified("apps/web/dev/main.k")]);

        result.Stacks.Select(s => s.Path).Should().Equal("apps/web/dev", "apps/web/prod");
        var dev = result.Stacks[0];
        dev.Reasons.Select(r => r[0].Path).Should().Equal("apps/web/dev/main.k", $"{Frontend}/app.k", $"{Frontend}/probe.k");
        dev.Reason.Select(s => s.Path).Should().Equal("apps/web/dev/main.k", "apps/web/dev");
        dev.Reasons[1].Select(s => s.Path).Should().Equal($"{Frontend}/app.k", Frontend, "apps/web/dev/main.k", "apps/web/dev");
        // The two files of one package share the walk past it; each chain still starts at its own file.
        dev.Reasons[2].Should().Equal(
            new ReasonStep("file", $"{Frontend}/probe.k", "modified"),
            new ReasonStep("package", Frontend, "package holding it"),
            new ReasonStep("file", "apps/web/dev/main.k", "imports it"),
            new ReasonStep("stack", "apps/web/dev", "affected stack: lists it as an entrance file"));
        dev.Reasons.Select(r => r.Last().Path).Should().AllBe("apps/web/dev");
        result.Stacks[1].Reasons.Select(r => r[0].Path).Should().Equal($"{Frontend}/app.k", $"{Frontend}/probe.k");
    }

    [Fact]
    public void A_stack_one_file_reaches_has_one_reason()
    {
        var result = Analyze([Modified("apps/tools/dev/main.k"), Modified($"{Frontend}/app.k")]);

        result.Stacks.Single(s => s.Path == "apps/tools/dev").Reasons.Should().ContainSingle()
            .Which.Select(s => s.Path).Should().Equal("apps/tools/dev/main.k", "apps/tools/dev");
    }

    [Fact]
    public void A_deleted_file_read_on_the_base_graph_counts_beside_the_files_read_at_head()
    {
        var head = new Dictionary<string, string>(Files, StringComparer.Ordinal);
        head.Remove($"{Frontend}/old.k");

        var result = Analyze([new GitChange(GitChangeKind.Deleted, $"{Frontend}/old.k", null, null, null), Modified("apps/web/dev/main.k")], head);

        var dev = result.Stacks.Single(s => s.Path == "apps/web/dev");
        dev.Deleted.Should().BeFalse();
        dev.Reasons.Select(r => (r[0].Path, r[0].Relation)).Should().Equal(("apps/web/dev/main.k", "modified"), ($"{Frontend}/old.k", "deleted"));
        result.Stacks.Single(s => s.Path == "apps/web/prod").Reasons.Should().ContainSingle();
    }

    [Fact]
    public void A_renamed_file_is_one_reason_though_both_its_paths_reach_the_stack()
    {
        var head = new Dictionary<string, string>(Files, StringComparer.Ordinal);
        head[$"{Frontend}/new.k"] = head[$"{Frontend}/old.k"];
        head.Remove($"{Frontend}/old.k");

        var result = Analyze([new GitChange(GitChangeKind.Renamed, $"{Frontend}/new.k", $"{Frontend}/old.k", null, null)], head);

        result.Stacks.Should().HaveCount(2).And.OnlyContain(s => s.Reasons.Count == 1);
        result.Stacks[0].Reason[0].Should().Be(new ReasonStep("file", $"{Frontend}/new.k", $"renamed from {Frontend}/old.k"));
    }

    [Fact]
    public void The_text_shows_one_chain_and_how_many_more_files_reach_the_stack()
    {
        var report = Report(Analyze([Modified($"{Frontend}/app.k"), Modified($"{Frontend}/probe.k"), Modified("apps/web/dev/main.k"), Modified("apps/tools/dev/main.k")]));
        using var text = new StringWriter();

        AffectedText.Write(text, report);

        text.ToString().Should().Contain("""
            3 of 3 stacks affected
              apps/tools/dev
                  apps/tools/dev/main.k → apps/tools/dev
              apps/web/dev
                  apps/web/dev/main.k → apps/web/dev
                  (and 2 more changed files)
              apps/web/prod
                  base/pkg/frontend/app.k → base/pkg/frontend → apps/web/prod/main.k → apps/web/prod
                  (and 1 more changed file)

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_json_lists_every_chain_the_shortest_as_reason_and_the_others_after_it()
    {
        var report = Report(Analyze([Modified($"{Frontend}/app.k"), Modified($"{Frontend}/probe.k"), Modified("apps/web/dev/main.k")]));

        var stacks = JsonNode.Parse(AffectedJson.Render(report))!["stacks"]!.AsArray();

        var dev = stacks.Single(s => s!["path"]!.GetValue<string>() == "apps/web/dev")!;
        dev["reason"]!.AsArray().Select(s => s!["path"]!.GetValue<string>()).Should().Equal("apps/web/dev/main.k", "apps/web/dev");
        dev["otherReasons"]!.AsArray().Select(r => r![0]!["path"]!.GetValue<string>()).Should().Equal($"{Frontend}/app.k", $"{Frontend}/probe.k");
        dev["otherReasons"]![0]!.AsArray().Select(s => s!["path"]!.GetValue<string>()).Should().Equal($"{Frontend}/app.k", Frontend, "apps/web/dev/main.k", "apps/web/dev");
        dev["otherReasons"]![0]![1]!["relation"]!.GetValue<string>().Should().Be("package holding it");
        stacks.Single(s => s!["path"]!.GetValue<string>() == "apps/web/prod")!["otherReasons"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public void A_stack_with_one_reason_has_no_other_reasons_in_json()
    {
        var stacks = JsonNode.Parse(AffectedJson.Render(Report(Analyze([Modified("apps/tools/dev/main.k")]))))!["stacks"]!.AsArray();

        stacks.Should().ContainSingle().Which!["otherReasons"]!.AsArray().Should().BeEmpty();
    }

    private static ChangeDetectionReport Report(AffectedResult result) =>
        new("/repo", null, null, new ComparedRevision("HEAD", "0123456789abcdef"), IncludesWorkingTree: false, result, null, []);
}
