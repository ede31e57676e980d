using FluentAssertions;
using Konfig.Engine.Output;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Tests.Output;

public class PreviewMarkdownTests
{
    [Fact]
    public void The_comment_has_a_summary_a_table_of_changes_and_a_diff_per_resource()
    {
        PreviewMarkdown.Render(PreviewSamples.Mixed()).Should().Be("""
            ### Preview of <code>shop/dev</code>

            **Plan:** 1 to create, 2 to update, 1 to delete, 1 unchanged, 2 errors

            | ID | Action | Details |
            | --- | --- | --- |
            | <code>ns</code> | create | v1/Namespace demo |
            | <code>web</code> | update | apps/v1/Deployment demo/web (2 fields) |
            | <code>db</code> | update | v1/Secret demo/db (1 field) |
            | <code>old</code> | delete | v1/ConfigMap demo/old |
            | <code>bad&#124;id</code> | **error** | server-side apply dry run failed: Invalid (422): &lt;bad&gt; value |

            <details><summary>create <code>ns</code> (v1/Namespace demo)</summary>

            ```diff
            + metadata.name: "demo"
            ```

            </details>

            <details><summary>update <code>web</code> (apps/v1/Deployment demo/web)</summary>

            ```diff
            + metadata.labels.x: "y"
            - spec.replicas: 2
            + spec.replicas: 3
            ```

            </details>

            <details><summary>update <code>db</code> (v1/Secret demo/db)</summary>

            ```diff
            - data.password: (sensitive: 7 bytes)
            + data.password: (sensitive: 9 bytes)
            ```

            </details>

            <details><summary>delete <code>old</code> (v1/ConfigMap demo/old)</summary>

            > already gone from the cluster: nothing to delete, only its state entry goes

            </details>

            **Errors**

            - a field path to ignore is invalid: &#39;spec.&#39; ends with a dot

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void No_changes_says_so()
    {
        PreviewMarkdown.Render(PreviewSamples.Empty()).Should().Be("### Preview of <code>shop/prod</code>\n\n**Plan:** 0 to create, 0 to update, 0 to delete, 0 unchanged\n\nNo changes.\n");
    }

    [Fact]
    public void A_value_with_backticks_cannot_close_the_fence()
    {
        var preview = PreviewSamples.Mixed();
        var change = preview.Changes[1] with { Fields = [new FieldChange("data.script", null, System.Text.Json.Nodes.JsonValue.Create("a ```` b"))] };
        var text = PreviewMarkdown.Render(preview with { Changes = [change], Errors = [], Notes = [] });
        text.Should().Contain("`````diff\n+ data.script: \"a ```` b\"\n`````\n");
    }

    [Fact]
    public void A_note_about_a_new_namespace_is_shown_once_for_the_stack()
    {
        var markdown = PreviewMarkdown.Render(PreviewSamples.NewNamespace());

        markdown.Should().EndWith($"\n**Notes**\n\n- {System.Net.WebUtility.HtmlEncode(PreviewSamples.NewNamespaceNote)}\n");
        markdown.Should().NotContain("cannot dry-run this yet").And.NotContain("\n> ", "no resource repeats it as a quoted note");
    }
}
