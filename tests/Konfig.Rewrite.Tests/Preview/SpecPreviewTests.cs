using FluentAssertions;
using Konfig.Kcl.Values;
using Konfig.Rewrite.Preview;
using Konfig.Workspace.Specs;

namespace Konfig.Rewrite.Tests.Preview;

public sealed class SpecPreviewTests
{
    [Fact]
    public void A_whole_float_from_kusions_emitter_equals_the_integer()
    {
        SpecPreview.Compare([Deployment(new FloatValue(2.0))], [Deployment(new IntValue(2))]).Should().BeEmpty();
    }

    [Fact]
    public void Added_resources_come_first_in_the_new_order_then_deleted_ones()
    {
        var previews = SpecPreview.Compare([ConfigMap("gone"), ConfigMap("kept")], [ConfigMap("kept"), ConfigMap("new")]);

        previews.Select(p => (p.Action, p.Name)).Should().Equal(
            (ResourcePreviewAction.Add, "v1/ConfigMap shop/new"),
            (ResourcePreviewAction.Delete, "v1/ConfigMap shop/gone"));
    }

    [Fact]
    public void Long_values_are_cut_and_a_changed_dependency_is_a_field_too()
    {
        var before = Deployment(new IntValue(1)) with { DependsOn = ["v1:Namespace:shop"] };
        var after = Deployment(new StringValue(new string('x', 200)));

        var change = SpecPreview.Compare([before], [after]).Should().ContainSingle().Subject;

        change.Fields.Select(f => f.Path).Should().Equal("spec.replicas", "dependsOn[0]");
        change.Fields[0].New.Should().HaveLength(60).And.EndWith("…");
        change.Fields[1].Should().Be(new FieldPreview("dependsOn[0]", "\"v1:Namespace:shop\"", "(absent)"));
    }

    private static Resource Deployment(KclValue replicas) =>
        Kubernetes("apps/v1", "Deployment", "web", ("spec", Dict(("replicas", replicas))));

    private static Resource ConfigMap(string name) => Kubernetes("v1", "ConfigMap", name);

    private static Resource Kubernetes(string apiVersion, string kind, string name, params (string Key, KclValue Value)[] fields)
    {
        var attributes = Dict(
            ("apiVersion", new StringValue(apiVersion)),
            ("kind", new StringValue(kind)),
            ("metadata", Dict(("name", new StringValue(name)), ("namespace", new StringValue("shop")))));
        foreach (var (key, value) in fields)
        {
            attributes.Set(key, value);
        }

        return new Resource($"{apiVersion}:{kind}:shop:{name}", "Kubernetes", attributes, [], null);
    }

    private static DictValue Dict(params (string Key, KclValue Value)[] entries)
    {
        var dict = new DictValue();
        foreach (var (key, value) in entries)
        {
            dict.Set(key, value);
        }

        return dict;
    }
}
