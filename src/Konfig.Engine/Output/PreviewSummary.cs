using System.Text;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Output;

/// <summary>
/// A preview in a few lines, for a run about to change the cluster: one line per resource that changes
/// (<c>+ create  v1/Namespace shop</c>, <c>~ update  apps/v1/Deployment shop/web (3 fields)</c>,
/// <c>- delete  …</c>), the notes of deletes (they say what apply will really do: keep the object, or only
/// drop its state entry), errors, and the counts. The field-by-field diff is <see cref="PreviewTable"/>'s.
/// </summary>
public static class PreviewSummary
{
    public static string Render(Preview preview)
    {
        var text = new StringBuilder();
        text.Append("Plan for ").Append(preview.Stack).Append(":\n");
        foreach (var change in PreviewText.Changed(preview))
        {
            var symbol = change.Action switch { ChangeAction.Create => '+', ChangeAction.Delete => '-', _ => '~' };
            text.Append("  ").Append(symbol).Append(' ').Append(PreviewText.Action(change.Action)).Append("  ").Append(PreviewText.Details(change)).Append('\n');
            if (change.Action == ChangeAction.Delete)
            {
                foreach (var note in preview.NotesFor(change.Id))
                {
                    text.Append("      note: ").Append(OneLine(note)).Append('\n');
                }
            }
        }

        foreach (var error in preview.Errors)
        {
            text.Append("  ! error   ").Append(OneLine(error.ToString())).Append('\n');
        }

        text.Append("  ").Append(PreviewText.Summary(preview.Counts)).Append('\n');
        return text.ToString();
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
