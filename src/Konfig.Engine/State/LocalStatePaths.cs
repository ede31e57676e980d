using System.Security.Cryptography;
using System.Text;
using Konfig.Workspace.Files;

namespace Konfig.Engine.State;

/// <summary>
/// Where a stack's files live in a local state folder:
/// <c>&lt;folder&gt;/&lt;project&gt;/&lt;stack&gt;/&lt;cluster&gt;.json</c> (the state), <c>….lock</c> (its lock) and
/// <c>….json.&lt;random&gt;.tmp</c> (a write in progress). Each of project, stack and cluster becomes one
/// folder or file name by percent-encoding every UTF-8 byte outside <c>[a-z0-9_-]</c> and <c>.</c> as
/// <c>%XX</c>: a stack id's <c>/</c> becomes <c>%2F</c>, a cluster's <c>:</c> becomes <c>%3A</c>, and
/// upper-case letters are encoded too, so that two keys differing only in case stay apart on
/// case-insensitive file systems. A leading or trailing <c>.</c> is encoded (no <c>.</c>/<c>..</c>,
/// nothing Windows trims), and so is the first letter of a Windows device name (<c>con</c>, <c>nul</c>…). The encoding is one-to-one, so distinct keys never share a file; a name
/// longer than <see cref="MaxReadableLength"/> is cut and suffixed with <c>~</c> and a hash of the full
/// name (<c>~</c> is otherwise always encoded, so cut names cannot meet uncut ones).
/// Examples: <c>web</c>/<c>apps/web/dev</c>/<c>kind-dev</c> → <c>web/apps%2Fweb%2Fdev/kind-dev.json</c>;
/// cluster <c>https://10.0.0.1:6443</c> → <c>https%3A%2F%2F10.0.0.1%3A6443.json</c>.
/// </summary>
internal static class LocalStatePaths
{
    /// <summary>Far below the usual 255-byte limit on a file name, leaving room for the suffixes.</summary>
    public const int MaxReadableLength = 120;

    public const string StateExtension = ".json";
    public const string LockExtension = ".lock";

    public static string StackFolder(string root, StateKey key) =>
        Path.Combine(root, Encode(key.Project), Encode(key.Stack));

    public static string StateFile(string root, StateKey key) =>
        Path.Combine(StackFolder(root, key), Encode(key.Cluster) + StateExtension);

    public static string LockFile(string root, StateKey key) =>
        Path.Combine(StackFolder(root, key), Encode(key.Cluster) + LockExtension);

    /// <summary>Temporary files a crashed writer of this state may have left (<see cref="AtomicFile"/>'s; the glob only matches this cluster's).</summary>
    public static string TempFilePattern(StateKey key) => Encode(key.Cluster) + StateExtension + ".*" + AtomicFile.TemporaryExtension;

    public static string Encode(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        var bytes = Encoding.UTF8.GetBytes(segment);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var edgeDot = b == '.' && (i == 0 || i == bytes.Length - 1);
            if (IsKept(b) && !edgeDot)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (builder.Length == 0)
        {
            // An empty segment would collapse the folder structure; "%" alone never comes out of the loop.
            return "%";
        }

        if (IsWindowsDeviceName(builder.ToString()))
        {
            // "con", "nul", "com1"… (even with an extension) name devices on Windows: encode the first letter.
            builder.Remove(0, 1).Insert(0, "%" + bytes[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (builder.Length <= MaxReadableLength)
        {
            return builder.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return builder.ToString(0, MaxReadableLength - 17) + "~" + hash;
    }

    private static bool IsWindowsDeviceName(string name)
    {
        var stem = name.Split('.')[0];
        return stem is "con" or "prn" or "aux" or "nul"
            || (stem.Length == 4 && (stem.StartsWith("com", StringComparison.Ordinal) || stem.StartsWith("lpt", StringComparison.Ordinal)) && char.IsAsciiDigit(stem[3]));
    }

    private static bool IsKept(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.';
}
