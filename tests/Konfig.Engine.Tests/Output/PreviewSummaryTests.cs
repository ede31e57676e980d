using FluentAssertions;
using Konfig.Engine.Output;

namespace Konfig.Engine.Tests.Output;

public class PreviewSummaryTests
{
    [Fact]
    public void The_summary_is_a_line_per_changing_resource_then_errors_and_the_counts()
    {
        PreviewSummary.Render(PreviewSamples.Mixed()).Should().Be("""
            Plan for shop/dev:
              + create  v1/Namespace demo
              ~ update  apps/v1/Deployment demo/web (2 fields)
              ~ update  v1/Secret demo/db (1 field)
              - delete  v1/ConfigMap demo/old
                  note: already gone from the cluster: nothing to delete, only its state entry goes
              ! error   bad|id: server-side apply dry run failed: Invalid (422): <bad> value
              ! error   a field path to ignore is invalid: 'spec.' ends with a dot
              1 to create, 2 to update, 1 to delete, 1 unchanged, 2 errors

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Notes_about_how_a_change_was_previewed_are_left_to_the_preview()
    {
        var summary = PreviewSummary.Render(PreviewSamples.NewNamespace());

        summary.Should().Be("""
            Plan for shop/dev:
              + create  v1/Namespace shop
              + create  v1/ConfigMap shop/a
              + create  v1/ConfigMap shop/b
              3 to create, 0 to update, 0 to delete, 0 unchanged

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_stack_without_changes_is_its_counts()
    {
        PreviewSummary.Render(PreviewSamples.Empty()).Should().Be("Plan for shop/prod:\n  0 to create, 0 to update, 0 to delete, 0 unchanged\n");
    }
}
