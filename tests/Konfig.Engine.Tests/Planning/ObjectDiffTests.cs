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
        Diff("""{"a": [1, 2, 3]}""", """{"a": [2, 3]}""").Should().Equal("a[0]: 1 → 2", "a[1]: 2 → 3", "a[2]: 3 → absent");
        Diff("""{"a": [1]}""", """{"a": [1, 2]}""").Should().Equal("a[1]: absent → 2");
    }

    [Fact]
    public void Lists_of_named_maps_compare_by_name_so_removing_the_first_item_shifts_nothing()
    {
        Diff(
            """{"spec": {"template": {"spec": {"containers": [{"name": "side", "image": "busybox"}, {"name": "web", "image": "nginx:1"}]}}}}""",
            """{"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:2"}]}}}}""")
            .Should().Equal(
                "spec.template.spec.containers[name=web].image: \"nginx:1\" → \"nginx:2\"",
                "spec.template.spec.containers[name=side]: {\"name\":\"side\",\"image\":\"busybox\"} → absent");
    }

    [Fact]
    public void An_added_named_item_is_one_change_holding_the_whole_item()
    {
        Diff(
            """{"ports": [{"name": "http", "port": 80}]}""",
            """{"ports": [{"name": "http", "port": 80}, {"name": "https", "port": 443}]}""")
            .Should().Equal("ports[name=https]: absent → {\"name\":\"https\",\"port\":443}");
    }

    [Fact]
    public void Named_items_of_a_list_that_is_new_as_a_whole_go_leaf_by_leaf()
    {
        Diff("""{}""", """{"env": [{"name": "A", "value": "1"}]}""")
            .Should().Equal("env[name=A].name: absent → \"A\"", "env[name=A].value: absent → \"1\"");
    }

    [Fact]
    public void A_change_of_order_among_named_items_is_one_change_of_the_names()
    {
        Diff("""{"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}""", """{"env": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}]}""")
            .Should().Equal("env: [\"A\",\"B\"] → [\"B\",\"A\"]");
    }

    [Theory]
    [InlineData("""{"a": [{"name": "x"}, {"name": "x", "v": 1}]}""", """{"a": [{"name": "x"}]}""", "a[1].name: \"x\" → absent")]
    [InlineData("""{"a": [{"name": "x"}, {"id": "y"}]}""", """{"a": [{"id": "y"}]}""", "a[0].id: absent → \"y\"")]
    [InlineData("""{"a": [{"name": 1}, {"name": 2}]}""", """{"a": [{"name": 2}]}""", "a[0].name: 1 → 2")]
    public void Lists_with_a_repeated_missing_or_non_string_name_stay_positional(string before, string after, string first)
    {
        Diff(before, after).Should().StartWith(first);
    }

    [Fact]
    public void Ignore_rules_by_name_apply_inside_compared_and_whole_items()
    {
        Diff(
            """{"containers": [{"name": "web", "image": "nginx:1"}]}""",
            """{"containers": [{"name": "web", "image": "nginx:2"}, {"name": "side", "image": "busybox", "args": ["x"]}]}""",
            "containers[name=web].image",
            "containers[*].args")
            .Should().Equal("containers[name=side]: absent → {\"name\":\"side\",\"image\":\"busybox\"}");
    }

    [Fact]
    public void Index_rules_still_apply_by_position_when_the_objects_are_stripped_first()
    {
        var ignored = IgnoredFields.Create(["env[0].value"]).Fields;
        var before = ignored.Strip(Json("""{"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "1"}]}"""));
        var after = ignored.Strip(Json("""{"env": [{"name": "A", "value": "2"}, {"name": "B", "value": "2"}]}"""));
        ObjectDiff.Compare(before, after, ignored).Select(d => d.Path).Should().Equal("env[name=B].value");
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
