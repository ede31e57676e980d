using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using static Konfig.Engine.Tests.Apply.Stacks;

namespace Konfig.Engine.Tests.Planning;

public class DeletionGuardTests
{
    internal static DesiredResource Crd(string group, string kind, string plural) => Resource(
        $"apiextensions.k8s.io/v1:CustomResourceDefinition:{plural}.{group}",
        new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.{group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = group,
                ["scope"] = "Namespaced",
                ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant() },
                ["versions"] = new JsonArray(new JsonObject { ["name"] = "v1", ["served"] = true, ["storage"] = true }),
            },
        });

    internal static DesiredResource Custom(string apiVersion, string kind, string ns, string name) => Resource(
        $"{apiVersion}:{kind}:{ns}:{name}",
        new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } });

    private static StateResource Left(DesiredResource resource) => new(resource.Id, resource.Type, resource.Manifest, resource.DependsOn);

    [Fact]
    public void A_namespace_that_resources_of_the_spec_still_live_in_is_kept_with_their_count()
    {
        var guard = new DeletionGuard([Deployment("shop", "web"), ConfigMap("shop", "a"), ConfigMap("shop", "b"), ConfigMap("other", "c")]);

        guard.WhyKeep(Left(Namespace("shop"))).Should().Be(
            "kept v1:Namespace:shop: 3 resources of the spec still live in it; remove them too, or add the Namespace back");
        new DeletionGuard([ConfigMap("shop", "a")]).WhyKeep(Left(Namespace("shop"))).Should().Contain("1 resource of the spec still lives in it");
    }

    [Fact]
    public void A_namespace_nothing_of_the_spec_lives_in_may_go()
    {
        var guard = new DeletionGuard([ConfigMap("other", "a"), Namespace("other")]);

        guard.WhyKeep(Left(Namespace("shop"))).Should().BeNull();
        guard.WhyKeep(Left(ConfigMap("shop", "gone"))).Should().BeNull("only Namespaces and CRDs take other objects with them");
    }

    [Fact]
    public void A_crd_whose_custom_resources_are_still_in_the_spec_is_kept()
    {
        var guard = new DeletionGuard([Custom("example.com/v1", "Widget", "shop", "w1"), Custom("example.com/v1", "Widget", "shop", "w2")]);

        guard.WhyKeep(Left(Crd("example.com", "Widget", "widgets"))).Should().Be(
            "kept apiextensions.k8s.io/v1:CustomResourceDefinition:widgets.example.com: 2 resources of the spec are Widget (example.com), "
            + "which deleting the CustomResourceDefinition would delete; remove them too, or add the CustomResourceDefinition back");
    }

    [Fact]
    public void A_crd_of_another_group_or_kind_may_go()
    {
        var guard = new DeletionGuard([Custom("example.com/v1", "Widget", "shop", "w1")]);

        guard.WhyKeep(Left(Crd("other.io", "Widget", "widgets"))).Should().BeNull();
        guard.WhyKeep(Left(Crd("example.com", "Gadget", "gadgets"))).Should().BeNull();
    }

    [Fact]
    public void Resources_of_other_types_neither_guard_nor_are_guarded()
    {
        var notKubernetes = new DesiredResource("x", "terraform:thing", ConfigMap("shop", "a").Manifest, []);
        new DeletionGuard([notKubernetes]).WhyKeep(Left(Namespace("shop"))).Should().BeNull();
        new DeletionGuard([ConfigMap("shop", "a")]).WhyKeep(new StateResource("v1:Namespace:shop", "terraform:thing", Namespace("shop").Manifest, [])).Should().BeNull();
    }
}
