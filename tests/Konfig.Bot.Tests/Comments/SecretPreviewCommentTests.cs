using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.FakeKube;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Bot.Tests.Comments;

/// <summary>
/// A stack with a Secret, previewed by the engine's planner against the fake API server over HTTP, rendered
/// as the PR comment: no form of the secret values may appear in it.
/// </summary>
public sealed class SecretPreviewCommentTests
{
    private const string OldPassword = "correct-horse-battery-staple";
    private const string NewPassword = "Tr0ub4dor&3-swordfish";
    private const string Token = "ghp_stringDataTokenValue123";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static JsonObject Secret(string password) => JsonNode.Parse($$$"""
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "shop"}, "type": "Opaque",
         "data": {"password": "{{{B64(password)}}}"}, "stringData": {"token": "{{{Token}}}"}}
        """)!.AsObject();

    [Fact]
    public async Task Secret_values_appear_nowhere_in_the_comment()
    {
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        var folder = Directory.CreateTempSubdirectory("konfig-bot-secret-").FullName;
        try
        {
            var kubeconfig = Path.Combine(folder, "kubeconfig");
            server.WriteKubeconfig(kubeconfig, context: "fake");
            using var client = new KubernetesHttpClient(KubeconfigLoader.Load(kubeconfig, "fake").Cluster!);
            await client.ApplyAsync(JsonNode.Parse("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}""")!.AsObject(), new ApplyOptions());
            await client.ApplyAsync(Secret(OldPassword), new ApplyOptions());

            // The update of the live Secret, and a second stack creating one.
            var update = await new PreviewPlanner(client).PreviewAsync("apps/db/prod", [new DesiredResource("db", DesiredResource.KubernetesType, Secret(NewPassword), [])], null);
            var createSecret = Secret(NewPassword);
            createSecret["metadata"]!["name"] = "db2";
            var create = await new PreviewPlanner(client).PreviewAsync("apps/db2/prod", [new DesiredResource("db2", DesiredResource.KubernetesType, createSecret, [])], null);

            update.Changes.Should().ContainSingle(c => c.Action == ChangeAction.Update);
            create.Changes.Should().ContainSingle(c => c.Action == ChangeAction.Create);
            var body = string.Concat(PreviewComment.Render("abc", [StackResult.Previewed("apps/db/prod", update), StackResult.Previewed("apps/db2/prod", create)]));

            body.Should().Contain("(sensitive: ", "the changed values are shown as masked");
            foreach (var secret in (string[])[OldPassword, NewPassword, B64(OldPassword), B64(NewPassword), Token, "Tr0ub4dor&amp;3", "swordfish", "horse"])
            {
                body.Should().NotContain(secret);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
