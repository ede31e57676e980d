using FluentAssertions;
using Konfig.Engine.Output;

namespace Konfig.Engine.Tests.Output;

public class PreviewTableTests
{
    [Fact]
    public void The_table_lists_every_resource_then_the_field_lines_of_changed_ones()
    {
        PreviewTable.Render(PreviewSamples.Mixed()).Should().Be("""
            Preview of shop/dev
            Plan: 1 to create, 2 to update, 1 to delete, 1 unchanged, 2 errors

            ID      ACTION     DETAILS
            ns      create     v1/Namespace demo
            web     update     apps/v1/Deployment demo/web (2 fields)
            db      update     v1/Secret demo/db (1 field)
            cm      unchanged  v1/ConfigMap demo/cm
            old     delete     v1/ConfigMap demo/old
            bad|id  error      server-side apply dry run failed: Invalid (422): <bad> value

            + ns (v1/Namespace demo)
                + metadata.name: "demo"

            ~ web (apps/v1/Deployment demo/web)
                + metadata.labels.x: "y"
                ~ spec.replicas: 2 → 3

            ~ db (v1/Secret demo/db)
                ~ data.password: (sensitive: 7 bytes) → (sensitive: 9 bytes)

            - old (v1/ConfigMap demo/old)
                note: already gone from the cluster: nothing to delete, only its state entry goes

            Errors:
              a field path to ignore is invalid: 'spec.' ends with a dot

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Removed_fields_show_their_path_only()
    {
        var preview = PreviewSamples.Mixed();
        var change = preview.Changes[1] with { Fields = [new Konfig.Engine.Planning.FieldChange("data.old", System.Text.Json.Nodes.JsonValue.Create("v"), null)] };
        PreviewTable.Render(preview with { Changes = [change] }).Should().Contain("\n    - data.old\n").And.NotContain("\"v\"");
    }

    [Fact]
    public void A_note_about_a_new_namespace_is_shown_once_for_the_stack()
    {
        PreviewTable.Render(PreviewSamples.NewNamespace()).Should().Be($"""
            Preview of shop/dev
            Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged

            ID  ACTION  DETAILS
            ns  create  v1/Namespace shop
            a   create  v1/ConfigMap shop/a
            b   create  v1/ConfigMap shop/b

            + ns (v1/Namespace shop)

            + a (v1/ConfigMap shop/a)

            + b (v1/ConfigMap shop/b)

            Notes:
              {PreviewSamples.NewNamespaceNote}

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_empty_plan_is_just_the_counts()
    {
        PreviewTable.Render(PreviewSamples.Empty()).Should().Be("Preview of shop/prod\nPlan: 0 to create, 0 to update, 0 to delete, 0 unchanged\n");
    }

    [Fact]
    public void Colour_is_opt_in()
    {
        PreviewTable.Render(PreviewSamples.Mixed()).Should().NotContain("\u001b[");
        var coloured = PreviewTable.Render(PreviewSamples.Mixed(), color: true);
        coloured.Should().Contain("\u001b[32mcreate\u001b[0m").And.Contain("    \u001b[33m~\u001b[0m spec.replicas: 2 → 3");
        using var writer = new StringWriter();
        PreviewTable.Write(PreviewSamples.Mixed(), writer);
        writer.ToString().Should().Be(PreviewTable.Render(PreviewSamples.Mixed()));
    }
}
