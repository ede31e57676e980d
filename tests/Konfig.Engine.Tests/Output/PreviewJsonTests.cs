using System.Text.Json;
using FluentAssertions;
using Konfig.Engine.Output;

namespace Konfig.Engine.Tests.Output;

public class PreviewJsonTests
{
    [Fact]
    public void The_json_is_stable_and_complete()
    {
        var preview = PreviewSamples.Mixed();
        var text = PreviewJson.Render(preview with { Changes = [preview.Changes[1], preview.Changes[2], preview.Changes[4]] });
        text.Should().Be("""
            {
              "stack": "shop/dev",
              "stateKey": "shop/dev@fake",
              "counts": {
                "create": 0,
                "update": 2,
                "delete": 1,
                "unchanged": 0,
                "errors": 2
              },
              "changes": [
                {
                  "id": "web",
                  "action": "update",
                  "apiVersion": "apps/v1",
                  "kind": "Deployment",
                  "namespace": "demo",
                  "name": "web",
                  "fields": [
                    {
                      "path": "metadata.labels.x",
                      "before": null,
                      "after": "y"
                    },
                    {
                      "path": "spec.replicas",
                      "before": 2,
                      "after": 3
                    }
                  ],
                  "notes": []
                },
                {
                  "id": "db",
                  "action": "update",
                  "apiVersion": "v1",
                  "kind": "Secret",
                  "namespace": "demo",
                  "name": "db",
                  "fields": [
                    {
                      "path": "data.password",
                      "before": "(sensitive: 7 bytes)",
                      "after": "(sensitive: 9 bytes)"
                    }
                  ],
                  "notes": []
                },
                {
                  "id": "old",
                  "action": "delete",
                  "apiVersion": "v1",
                  "kind": "ConfigMap",
                  "namespace": "demo",
                  "name": "old",
                  "fields": [],
                  "notes": [
                    "already gone from the cluster: nothing to delete, only its state entry goes"
                  ]
                }
              ],
              "notes": [],
              "errors": [
                {
                  "id": "bad|id",
                  "message": "server-side apply dry run failed: Invalid (422): <bad> value"
                },
                {
                  "id": null,
                  "message": "a field path to ignore is invalid: 'spec.' ends with a dot"
                }
              ]
            }

            """.ReplaceLineEndings("\n"));
        JsonDocument.Parse(text).RootElement.GetProperty("changes").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public void A_cluster_scoped_object_has_a_null_namespace_and_no_state_key_is_null()
    {
        var preview = PreviewSamples.Mixed();
        using var document = JsonDocument.Parse(PreviewJson.Render(preview with { StateKey = null }));
        document.RootElement.GetProperty("stateKey").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("changes")[0].GetProperty("namespace").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("counts").GetProperty("create").GetInt32().Should().Be(1);
    }

    [Fact]
    public void A_stack_note_is_listed_once_and_each_resource_keeps_its_own_note()
    {
        using var document = JsonDocument.Parse(PreviewJson.Render(PreviewSamples.NewNamespace()));
        var root = document.RootElement;

        root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).Should().Equal(PreviewSamples.NewNamespaceNote);
        root.GetProperty("changes").EnumerateArray().Select(c => string.Join("|", c.GetProperty("notes").EnumerateArray().Select(n => n.GetString())))
            .Should().Equal("", PreviewSamples.FromSpecNote, PreviewSamples.FromSpecNote);
    }
}
