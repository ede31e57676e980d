using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Konfig.Rewrite.Git;

/// <summary>The id git gives a blob: the SHA-1 of <c>blob LENGTH\0</c> followed by the bytes (as <c>git hash-object</c>).</summary>
internal static class GitBlobId
{
    public static string Of(byte[] content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0")));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
