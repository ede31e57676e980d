using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Tests.Planning;

public class ObjectDiffTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>Each difference as "path: before → after", values as JSON, absent as "absent".</summary>
    private static List<string> Diff(string before, string after, params string[] ignore)
    {
        var ignored = ignore.Length == 0 ? null : IgnoredFields.Create(ignore).Fields;
        return [.. ObjectDiff.Compare(Json(before), Json(after), ignored)
            .Select(d => $"{d.Path}: {d.Before?.ToJsonString() ?? "absent"} → {d.After?.ToJsonString() ?? "absent"}")];
    }

    [Fact]
    public void Equal_objects_have_no_differences_whatever_the_key_order()
    {
        Diff("""{"a": 1, "b": {"c": [1, "x", true]}}""", """{"b": {"c": [1, "x", true]}, "a": 1}""").Should().BeEmpty();
    }

    [Fact]
    public void Scalars_nested_in_maps_report_their_full_path()
    {
        Diff("""{"spec": {"replicas": 2, "paused": false, "name": "a"}}""", """{"spec": {"replicas": 3, "paused": true, "name": "a"}}""")
            .Should().Equal("spec.paused: false → true", "spec.replicas: 2 → 3");
    }

    [Fact]
    public void Numbers_compare_by_value_and_kinds_do_not_mix()
    {
        Diff("""{"a": 3, "b": 1.50, "c": "3", "d": 1}""", """{"a": 3.0, "b": 1.5, "c": 3, "d": true}""")
            .Should().Equal("c: \"3\" → 3", "d: 1 → true");
    }

    [Fact]
    public void Lists_compare_by_index_and_report_added_and_removed_items()
    {
        Diff(
            """{"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1"}, {"name": "side", "image": "busybox"}]}}}}""",
            """{"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:2"}]}}}}""")
            .Should().Equal(
                "spec.template.spec.containers[0].image: \"nginx:1\" → \"nginx:2\"",
                "spec.template.spec.containers[1].image: \"busybox\" → absent",
                "spec.template.spec.containers[1].name: \"side\" → absent");
        Diff("""{"a": [1]}""", """{"a": [1, 2]}""").Should().Equal("a[1]: absent → 2");
    }

    [Fact]
    public void Added_and_removed_maps_are_reported_leaf_by_leaf()
    {
        Diff("""{"metadata": {"name": "a"}}""", """{"metadata": {"name": "a", "labels": {"app": "web", "tier": "x"}}}""")
            .Should().Equal("metadata.labels.app: absent → \"web\"", "metadata.labels.tier: absent → \"x\"");
        Diff("""{"data": {"old": "v", "keep": "k"}}""", """{"data": {"keep": "k"}}""").Should().Equal("data.old: \"v\" → absent");
    }

    [Fact]
    public void Null_counts_as_absent_but_an_empty_map_does_not()
    {
        Diff("""{"a": null, "b": 1}""", """{"b": 1}""").Should().BeEmpty();
        Diff("""{"b": 1}""", """{"a": null, "b": 1}""").Should().BeEmpty();
        Diff("""{"a": null}""", """{"a": 1}""").Should().Equal("a: absent → 1");
        Diff("""{}""", """{"a": {}}""").Should().Equal("a: absent → {}");
        Diff("""{"a": []}""", """{}""").Should().Equal("a: [] → absent");
    }

    [Fact]
    public void A_field_that_changes_shape_is_one_change()
    {
        Diff("""{"a": "x"}""", """{"a": {"b": 1}}""").Should().Equal("a: \"x\" → {\"b\":1}");
        Diff("""{"a": [1]}""", """{"a": {"b": 1}}""").Should().Equal("a: [1] → {\"b\":1}");
    }

    [Fact]
    public void Keys_that_are_not_plain_words_are_bracketed()
    {
        Diff("""{"metadata": {"annotations": {"example.com/x": "1"}}, "data": {"config.yaml": "a"}}""",
             """{"metadata": {"annotations": {"example.com/x": "2"}}, "data": {"config.yaml": "b"}}""")
            .Should().Equal("data[\"config.yaml\"]: \"a\" → \"b\"", "metadata.annotations[\"example.com/x\"]: \"1\" → \"2\"");
    }

    [Fact]
    public void Ignored_paths_are_left_out_including_server_managed_fields()
    {
        const string before = """
            {"metadata": {"name": "a", "resourceVersion": "1", "uid": "u1", "generation": 1, "creationTimestamp": "t1",
                          "managedFields": [{"manager": "x"}], "annotations": {"deployment.kubernetes.io/revision": "1", "keep": "1"}},
             "spec": {"replicas": 1, "containers": [{"image": "a", "name": "c"}]}, "status": {"ready": 0}}
            """;
        const string after = """
            {"metadata": {"name": "a", "resourceVersion": "2", "uid": "u2", "generation": 2, "creationTimestamp": "t2", "selfLink": "/x",
                          "managedFields": [{"manager": "y"}], "annotations": {"deployment.kubernetes.io/revision": "2", "keep": "2"}},
             "spec": {"replicas": 5, "containers": [{"image": "b", "name": "c"}]}, "status": {"ready": 1}}
            """;
        Diff(before, after, "metadata.annotations.deployment.kubernetes.io/revision", "spec.containers[*].image")
            .Should().Equal("metadata.annotations.keep: \"1\" → \"2\"", "spec.replicas: 1 → 5");
        Diff(before, after).Should().HaveCount(11, "without rules nothing is left out");
    }

    [Fact]
    public void Strip_removes_ignored_fields_from_a_copy_and_keeps_list_positions()
    {
        var original = Json("""{"metadata": {"name": "a", "uid": "u"}, "status": {}, "spec": {"list": [{"x": 1}, {"x": 2}]}}""");
        var (fields, _) = IgnoredFields.Create(["spec.list[0]"]);
        fields.Strip(original).ToJsonString().Should().Be("""{"metadata":{"name":"a"},"spec":{"list":[null,{"x":2}]}}""");
        original["metadata"]!["uid"]!.GetValue<string>().Should().Be("u");
    }
}
