using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Tests.Compilation;

namespace Konfig.Kcl.Tests.Evaluation;

/// <summary>
/// Semantics real KCL monorepos (platform models, stacks of several files) rely on, each in a small
/// program of its own.
/// </summary>
public sealed class MonorepoCompatibilityTests
{
    [Fact]
    public void A_schema_reached_through_its_folder_and_its_file_is_the_same_type()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", "[package]\nname = \"app\"\n");
        folder.Write("models/server.k", "schema Server:\n    name: str\n");
        folder.Write("main.k", """
            import models
            import models.server

            schema Backend[input: server.Server]:
                out: str = input.name

            b = Backend(models.Server {name = "web"})
            """);

        Run(folder, "main.k").Should().Be("b:\n  out: web\n");
    }

    [Fact]
    public void At_run_time_any_schema_instance_passes_a_schema_type_but_as_still_checks()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema Volume:
                name: str

            schema Source:
                name?: str

            schema Mount:
                source?: Source

            _v: any = Volume {name = "logs"}
            m = Mount {source = _v}
            """);
        Run(folder, "main.k").Should().Be("m:\n  source:\n    name: logs\n");

        folder.Write("main.k", """
            schema A:
                x?: int

            schema B:
                y?: int

            _a: any = A {}
            b = _a as B
            """);
        RunFailure(folder, "main.k").Should().Contain("expect B, got A");
    }

    [Fact]
    public void Several_declarations_of_a_global_make_one_instance_where_the_last_one_stands()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema App:
                name: str
                replicas: int = 1

            web: App {name = "web"}
            db: App {name = "db"}
            web: App {replicas = 3}
            order = [a.name for a in App.instances()]
            """);

        Run(folder, "main.k").Should().Be("web:\n  name: web\n  replicas: 3\ndb:\n  name: db\n  replicas: 1\norder:\n- db\n- web\n");
    }

    [Fact]
    public void A_default_naming_nothing_leaves_the_attribute_unset()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema Group:
                name: str
                revoke?: bool = false

            g = Group {name = "g"}
            """);

        Run(folder, "main.k").Should().Be("g:\n  name: g\n");
    }

    [Fact]
    public void Required_attributes_of_items_a_schema_body_built_are_not_checked_through_lists()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema Rule:
                port: int
                blocks: [str] = []

            schema Group:
                rules?: [Rule]

            schema Backend:
                group: Group = Group {rules = [{port = 80, blocks = None}]}

            b = Backend {}
            """);
        Run(folder, "main.k").Should().Be("b:\n  group:\n    rules:\n    - port: 80\n      blocks: null\n");

        // Written at the top level, the same item is still checked.
        folder.Write("main.k", """
            schema Rule:
                port: int
                blocks: [str] = []

            schema Group:
                rules?: [Rule]

            g = Group {rules = [Rule {port = 80, blocks = None}]}
            """);
        RunFailure(folder, "main.k").Should().Contain("attribute 'blocks' of Rule is required");
    }

    [Fact]
    public void A_dotted_name_rooted_at_an_import_means_the_module_even_under_a_config_key_of_that_name()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", "[package]\nname = \"app\"\n");
        folder.Write("meta/meta.k", "APP = \"shop\"\n");
        folder.Write("main.k", """
            import meta

            c = {
                meta = {labels = {}}
                spec = {name = meta.APP + "-web"}
            }
            f = lambda meta {meta.APP}
            d = f({APP = "local"})
            """);

        Run(folder, "main.k").Should().Be("c:\n  meta:\n    labels: {}\n  spec:\n    name: shop-web\nd: local\n");
    }

    [Fact]
    public void In_the_main_package_a_file_may_use_a_module_another_file_imports()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", "[package]\nname = \"app\"\n");
        folder.Write("meta/meta.k", "APP = \"shop\"\n");
        folder.Write("base.k", "import meta\n\nbase = meta.APP\n");
        folder.Write("main.k", "name = meta.APP + \"-prod\"\n");

        Run(folder, "base.k", "main.k").Should().Be("base: shop\nname: shop-prod\n");
    }

    [Fact]
    public void In_a_schema_body_a_config_key_does_not_hide_the_attribute_of_that_name()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema Resource:
                $type: str
                record = {
                    type: "Terraform"
                    resourceType: type
                }

            r = Resource {type = "vpc"}
            """);

        Run(folder, "main.k").Should().Be("r:\n  type: vpc\n  record:\n    type: Terraform\n    resourceType: vpc\n");
    }

    [Fact]
    public void A_mixin_reading_the_attribute_it_extends_sees_its_current_value()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", """
            schema Mapping:
                [str]: any

            protocol P:
                kubernetes?: Mapping

            mixin ServiceMixin for P:
                kubernetes: Mapping {
                    Service = [len(kubernetes?.Deployment or [])]
                }

            mixin IngressMixin for P:
                kubernetes: Mapping {
                    Ingress = [1]
                }

            schema Backend:
                mixin [ServiceMixin, IngressMixin]
                kubernetes: Mapping = {Deployment = [0]}

            kinds = [k for k, _ in Backend {}.kubernetes]
            """);

        Run(folder, "main.k").Should().Be("kinds:\n- Deployment\n- Service\n- Ingress\n");
    }

    private static string Run(TemporaryFolder folder, params string[] files)
    {
        var result = KclRunner.Run(new KclRunOptions { Files = files, WorkingDirectory = folder.Path });
        result.Diagnostics.Should().BeEmpty();
        return result.Yaml;
    }

    private static string RunFailure(TemporaryFolder folder, params string[] files)
    {
        var result = KclRunner.Run(new KclRunOptions { Files = files, WorkingDirectory = folder.Path });
        result.Success.Should().BeFalse();
        return string.Join("\n", result.Diagnostics.Select(d => d.Message));
    }
}
