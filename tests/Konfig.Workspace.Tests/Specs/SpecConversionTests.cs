using FluentAssertions;
using Konfig.Kcl.Values;
using Konfig.Workspace.Specs;

namespace Konfig.Workspace.Tests.Specs;

public sealed class SpecConversionTests
{
    private const string Stream = """
        id: apps/v1:Deployment:web:web
        type: Kubernetes
        attributes:
          kind: Deployment
          apiVersion: apps/v1
          spec:
            replicas: 2
            template: {metadata: {labels: {b: 1, a: 2}}}
        dependsOn:
        - v1:Namespace:web
        ---
        id: hashicorp:aws:aws_db_instance:db
        type: Terraform
        attributes:
          engine: mysql
          tags: null
        extensions:
          resourceType: aws_db_instance
          provider: registry.terraform.io/hashicorp/aws/4.0
        """;

    [Fact]
    public void Reads_each_document_of_the_stream_as_a_resource()
    {
        var (spec, errors) = SpecReader.FromYamlStream(Stream);

        errors.Should().BeEmpty();
        spec!.Resources.Select(r => (r.Id, r.Type)).Should().Equal(
            ("apps/v1:Deployment:web:web", "Kubernetes"),
            ("hashicorp:aws:aws_db_instance:db", "Terraform"));
        spec.Resources[0].DependsOn.Should().Equal("v1:Namespace:web");
        spec.Resources[0].Extensions.Should().BeNull();
        spec.Resources[1].DependsOn.Should().BeEmpty();
        spec.Resources[1].Extensions!["resourceType"].Should().BeOfType<StringValue>().Which.Value.Should().Be("aws_db_instance");
    }

    [Fact]
    public void Writes_a_list_in_kusion_field_order_with_sorted_attributes()
    {
        var (spec, _) = SpecReader.FromYamlStream(Stream);

        SpecWriter.Write(spec!).Should().Be("""
            - id: apps/v1:Deployment:web:web
              type: Kubernetes
              attributes:
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  replicas: 2
                  template:
                    metadata:
                      labels:
                        a: 2
                        b: 1
              dependsOn:
              - v1:Namespace:web
            - id: hashicorp:aws:aws_db_instance:db
              type: Terraform
              attributes:
                engine: mysql
                tags: null
              extensions:
                provider: registry.terraform.io/hashicorp/aws/4.0
                resourceType: aws_db_instance

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_empty_stream_is_an_empty_spec()
    {
        var (spec, errors) = SpecReader.FromYamlStream(string.Empty);

        errors.Should().BeEmpty();
        spec!.Resources.Should().BeEmpty();
        SpecWriter.Write(spec).Should().Be("[]\n");
    }

    [Theory]
    [InlineData("a: 1\n", "document 1 (line 1): field 'id' must be a non-empty string")]
    [InlineData("id: x\n", "document 1 (line 1), resource 'x': field 'type' must be a non-empty string")]
    [InlineData("id: x\ntype: K\nattributes: [1]\n", "document 1 (line 1), resource 'x': field 'attributes' must be a mapping, not list")]
    [InlineData("id: x\ntype: K\ndependsOn: [1]\n", "document 1 (line 1), resource 'x': field 'dependsOn' must be a list of resource ids")]
    [InlineData("id: x\ntype: K\n---\n- 1\n", "document 2 (line 4): a resource must be a mapping with id, type and attributes, not list")]
    public void Output_that_is_not_a_list_of_resources_is_reported(string yaml, string expected)
    {
        var (spec, errors) = SpecReader.FromYamlStream(yaml);

        spec.Should().BeNull();
        errors.Select(e => e.Message).Should().Equal(expected);
    }

    [Fact]
    public void Empty_lists_held_by_keys_are_left_out_like_the_kcl_kusion_ran()
    {
        var (spec, errors) = SpecReader.FromYamlStream("""
            id: v1:Pod:a:p
            type: Kubernetes
            attributes:
              spec:
                containers:
                - name: main
                  volumeMounts: []
                  args: [[], x]
                volumes: []
                securityContext: {}
                nodeName: null
            dependsOn: []
            """);

        errors.Should().BeEmpty();
        var podSpec = (DictValue)spec!.Resources.Single().Attributes["spec"]!;
        podSpec.Keys.Should().Equal("containers", "securityContext", "nodeName");
        var container = (DictValue)((ListValue)podSpec["containers"]!).Items.Single();
        container.Keys.Should().Equal("name", "args");
        ((ListValue)container["args"]!).Items.Should().ContainSingle().Which.Should().BeOfType<StringValue>();
    }
}
