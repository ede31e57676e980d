using System.Text;

namespace Konfig.Workspace.Files;

/// <summary>
/// A UTF-8 text file read for rewriting: its text without the byte order mark, and whether it had one, so that
/// writing it back (or committing it) gives the same bytes for the text we did not change.
/// </summary>
public readonly record struct Utf8TextFile(string Text, bool ByteOrderMark)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Utf8TextFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        return new Utf8TextFile(Utf8NoBom.GetString(bom ? bytes.AsSpan(3) : bytes), bom);
    }

    /// <summary>The bytes of <paramref name="text"/>, after a byte order mark when <paramref name="byteOrderMark"/>.</summary>
    public static byte[] Encode(string text, bool byteOrderMark)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!byteOrderMark)
        {
            return Utf8NoBom.GetBytes(text);
        }

        var bytes = new byte[3 + Utf8NoBom.GetByteCount(text)];
        bytes[0] = 0xEF;
        bytes[1] = 0xBB;
        bytes[2] = 0xBF;
        Utf8NoBom.GetBytes(text, bytes.AsSpan(3));
        return bytes;
    }
}
