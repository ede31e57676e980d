using System.Text;
using Konfig.Kcl.Compilation;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// The disk, except for the files given here, which are served from memory: so stacks compile from their
/// rewritten entry files before anything is written. An overlaid file's stamp never matches a disk stamp,
/// so a parse cache shared with disk readers could not confuse the two.
/// </summary>
internal sealed class OverlaySourceFileSystem(IReadOnlyDictionary<string, string> texts) : ISourceFileSystem
{
    private static readonly DateTime OverlayTime = DateTime.MaxValue;

    public SourceFileStamp? GetStamp(string fullPath) =>
        texts.TryGetValue(fullPath, out var text)
            ? new SourceFileStamp(Encoding.UTF8.GetByteCount(text), OverlayTime)
            : PhysicalSourceFileSystem.Instance.GetStamp(fullPath);

    public byte[] ReadAllBytes(string fullPath) =>
        texts.TryGetValue(fullPath, out var text) ? Encoding.UTF8.GetBytes(text) : PhysicalSourceFileSystem.Instance.ReadAllBytes(fullPath);
}
