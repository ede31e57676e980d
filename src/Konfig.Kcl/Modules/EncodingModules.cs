using System.Text;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>base64</c> and <c>base32</c> modules.</summary>
internal static class EncodingModules
{
    public static void RegisterBase64(ModuleBuilder m)
    {
        m.Function("encode", a => Str(Convert.ToBase64String(Encoding.UTF8.GetBytes(
            a.GetString(0, "value") ?? throw new KclRuntimeException("encode() missing 1 required positional argument: 'value'")))));
        m.Function("decode", a =>
        {
            var text = a.GetString(0, "value") ?? throw new KclRuntimeException("decode() missing 1 required positional argument: 'value'");
            try
            {
                return Str(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            }
            catch (FormatException)
            {
                throw new KclRuntimeException("Invalid byte 0, offset 0.");
            }
        });
    }

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static void RegisterBase32(ModuleBuilder m)
    {
        m.Function("encode", a => Str(Base32Encode(Encoding.UTF8.GetBytes(
            a.GetString(0, "value") ?? throw new KclRuntimeException("encode() missing 1 required positional argument: 'value'")))));
        m.Function("decode", a =>
        {
            var text = a.GetString(0, "value") ?? throw new KclRuntimeException("decode() missing 1 required positional argument: 'value'");
            return Str(Encoding.UTF8.GetString(Base32Decode(text)));
        });
    }

    private static string Base32Encode(byte[] data)
    {
        var builder = new StringBuilder((data.Length + 4) / 5 * 8);
        for (var i = 0; i < data.Length; i += 5)
        {
            var chunk = new byte[5];
            var count = Math.Min(5, data.Length - i);
            Array.Copy(data, i, chunk, 0, count);
            ulong bits = 0;
            foreach (var b in chunk)
            {
                bits = (bits << 8) | b;
            }

            var chars = (count * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
            {
                builder.Append(j < chars ? Base32Alphabet[(int)((bits >> (35 - (j * 5))) & 31)] : '=');
            }
        }

        return builder.ToString();
    }

    private static byte[] Base32Decode(string text)
    {
        var trimmed = text.TrimEnd('=');
        var output = new List<byte>();
        ulong buffer = 0;
        var bits = 0;
        foreach (var c in trimmed)
        {
            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new KclRuntimeException($"Invalid base32 string: '{text}'");
            }

            buffer = (buffer << 5) | (uint)value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1UL << bits) - 1;
            }
        }

        return [.. output];
    }
}
