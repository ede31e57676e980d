using System.Text.Json.Nodes;
using Konfig.Engine.Planning;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Output;

/// <summary>Small previews built by hand, so renderer tests pin exact text.</summary>
internal static class PreviewSamples
{
    private static JsonNode? J(string json) => JsonNode.Parse(json);

    public static Preview Mixed() => new(
        "shop/dev",
        new StateKey("shop", "dev", "fake"),
        [
            new ResourceChange("ns", ChangeAction.Create, new ObjectReference("v1", "Namespace", null, "demo"), new JsonObject(), null,
                [new FieldChange("metadata.name", null, J("\"demo\""))]),
            new ResourceChange("web", ChangeAction.Update, new ObjectReference("apps/v1", "Deployment", "demo", "web"), new JsonObject(), new JsonObject(),
                [
                    new FieldChange("metadata.labels.x", null, J("\"y\"")),
                    new FieldChange("spec.replicas", J("2"), J("3")),
                ]),
            new ResourceChange("db", ChangeAction.Update, new ObjectReference("v1", "Secret", "demo", "db"), new JsonObject(), new JsonObject(),
                [new FieldChange("data.password", J("\"(sensitive: 7 bytes)\""), J("\"(sensitive: 9 bytes)\""))]),
            new ResourceChange("cm", ChangeAction.UnChanged, new ObjectReference("v1", "ConfigMap", "demo", "cm"), new JsonObject(), new JsonObject(), []),
            new ResourceChange("old", ChangeAction.Delete, new ObjectReference("v1", "ConfigMap", "demo", "old"), null, null, []),
        ],
        [new PreviewMessage("old", "already gone from the cluster: nothing to delete, only its state entry goes")],
        [
            new PreviewMessage("bad|id", "server-side apply dry run failed: Invalid (422): <bad> value"),
            new PreviewMessage(null, "a field path to ignore is invalid: 'spec.' ends with a dot"),
        ]);

    public static Preview Empty() => new("shop/prod", null, [], [], []);

    public const string NewNamespaceNote = "namespace 'shop' is created by this apply: the server cannot dry-run what depends on it yet, so 2 resources in it are shown as written in the spec";

    public const string FromSpecNote = "namespace 'shop' is created by this apply, so the server cannot dry-run this yet; shown as written in the spec";

    /// <summary>A new namespace and two resources in it, shown from the spec: one stack note, and the same note per resource, summed up.</summary>
    public static Preview NewNamespace() => new(
        "shop/dev",
        null,
        [
            new ResourceChange("ns", ChangeAction.Create, new ObjectReference("v1", "Namespace", null, "shop"), new JsonObject(), null, []),
            new ResourceChange("a", ChangeAction.Create, new ObjectReference("v1", "ConfigMap", "shop", "a"), new JsonObject(), null, []),
            new ResourceChange("b", ChangeAction.Create, new ObjectReference("v1", "ConfigMap", "shop", "b"), new JsonObject(), null, []),
        ],
        [new PreviewMessage(null, NewNamespaceNote), new PreviewMessage("a", FromSpecNote, SummedUp: true), new PreviewMessage("b", FromSpecNote, SummedUp: true)],
        []);
}
