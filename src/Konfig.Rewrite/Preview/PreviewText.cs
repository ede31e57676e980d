namespace Konfig.Rewrite.Preview;

/// <summary>
/// Previews as plain text, a stack per block, as a terminal shows them:
/// <code>
/// apps/status-page/prod: 0 to add, 1 to change, 0 to delete
///   ~ apps/v1/Deployment status-page/status-page
///       spec.replicas: 2 → 3
/// </code>
/// </summary>
public static class PreviewText
{
    public static void Write(TextWriter writer, IReadOnlyList<StackPreview> previews)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(previews);
        foreach (var preview in previews)
        {
            writer.WriteLine($"{preview.StackPath}: {preview.Error ?? preview.Summary}");
            foreach (var resource in preview.Resources)
            {
                writer.WriteLine($"  {Sign(resource.Action)} {resource.Name}");
                foreach (var field in resource.Fields)
                {
                    writer.WriteLine($"      {field}");
                }

                if (resource.MoreFields > 0)
                {
                    writer.WriteLine($"      and {resource.MoreFields} more fields");
                }
            }
        }
    }

    private static char Sign(ResourcePreviewAction action) => action switch
    {
        ResourcePreviewAction.Add => '+',
        ResourcePreviewAction.Delete => '-',
        _ => '~',
    };
}
