using System.Security.Cryptography;
using System.Text;

namespace Konfig.Bot.Webhooks;

/// <summary>
/// Checks GitHub's <c>X-Hub-Signature-256</c> header: <c>sha256=</c> and the hex HMAC-SHA256 of the raw
/// body bytes keyed with the webhook secret. The body must be the bytes as received: re-serialized JSON
/// would not match. Compared in constant time so the answer's timing tells nothing about the expected value.
/// </summary>
public sealed class WebhookVerifier
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";
    private const int HashBytes = 32;

    private readonly byte[] _key;

    public WebhookVerifier(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Null when the signature is valid; otherwise why not.</summary>
    public string? Verify(ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return $"the {SignatureHeader} header is missing";
        }

        if (!signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + (HashBytes * 2))
        {
            return $"the {SignatureHeader} header is not '{Prefix}' and 64 hex digits";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return $"the {SignatureHeader} header is not '{Prefix}' and 64 hex digits";
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(_key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? null
            : $"the {SignatureHeader} signature does not match the body";
    }

    /// <summary>The header value GitHub would send for <paramref name="body"/> (for tests and tools that replay deliveries).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
