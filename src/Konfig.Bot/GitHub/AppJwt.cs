using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Konfig.Bot.GitHub;

/// <summary>The JSON Web Token a GitHub App signs to speak as itself (RS256, iss = app id).</summary>
public static class AppJwt
{
    /// <summary>
    /// A JWT issued 60 s in the past (GitHub's advice against clock drift) that expires 9 minutes from now,
    /// so it spans 10 minutes, GitHub's maximum.
    /// </summary>
    public static string Create(long appId, RSA privateKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var header = Base64Url(JsonObject(json =>
        {
            json.WriteString("alg", "RS256");
            json.WriteString("typ", "JWT");
        }));
        var claims = Base64Url(JsonObject(json =>
        {
            json.WriteNumber("iat", now.AddSeconds(-60).ToUnixTimeSeconds());
            json.WriteNumber("exp", now.AddMinutes(9).ToUnixTimeSeconds());
            json.WriteString("iss", appId.ToString(CultureInfo.InvariantCulture));
        }));
        var signed = header + "." + claims;
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    /// <summary>Reads an app's private key; a bad key is an error naming the field.</summary>
    public static RSA ReadPrivateKey(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException($"Credentials.PrivateKeyPem is not an RSA private key in PEM form: {e.Message}", nameof(pem), e);
        }
    }

    // Written by hand, not serialized, so the NativeAOT build (which carries the bot) needs no reflection.
    private static byte[] JsonObject(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
