using System.Security.Cryptography;
using System.Text;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>crypto</c> module: hex digests, uuid, file digests.</summary>
internal static class CryptoModule
{
    public static void Register(ModuleBuilder m)
    {
        void Digest(string name, Func<byte[], byte[]> hash) =>
            m.Function(name, a => Str(Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(
                a.GetString(0, "value") ?? throw new KclRuntimeException($"{name}() missing 1 required positional argument: 'value'"))))));

        Digest("md5", MD5.HashData);
        Digest("sha1", SHA1.HashData);
        Digest("sha224", Sha224.Hash);
        Digest("sha256", SHA256.HashData);
        Digest("sha384", SHA384.HashData);
        Digest("sha512", SHA512.HashData);
        Digest("blake3", Blake3.Hash);
        m.Function("uuid", _ => Str(Guid.NewGuid().ToString("D")));
        m.Function("filesha256", (c, a) => Str(Convert.ToHexStringLower(SHA256.HashData(ReadFile(c, a, "filesha256")))));
        m.Function("filesha512", (c, a) => Str(Convert.ToHexStringLower(SHA512.HashData(ReadFile(c, a, "filesha512")))));
        m.Function("fileblake3", (c, a) => Str(Convert.ToHexStringLower(Blake3.Hash(ReadFile(c, a, "fileblake3")))));
    }

    private static byte[] ReadFile(CallContext context, Args args, string function)
    {
        var path = args.GetString(0, "filepath") ?? throw new KclRuntimeException($"{function}() missing 1 required positional argument: 'filepath'");
        try
        {
            return File.ReadAllBytes(FileModule.Resolve(context, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KclRuntimeException($"failed to open file '{path}': {FileModule.OsError(e)}");
        }
    }
}

/// <summary>SHA-224 (SHA-256 with its own initial values, truncated), which .NET does not ship.</summary>
internal static class Sha224
{
    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    public static byte[] Hash(byte[] message)
    {
        uint[] h = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];
        var length = message.Length;
        var padded = new byte[((length + 8) / 64 + 1) * 64];
        Array.Copy(message, padded, length);
        padded[length] = 0x80;
        var bitLength = (ulong)length * 8;
        for (var i = 0; i < 8; i++)
        {
            padded[^(i + 1)] = (byte)(bitLength >> (8 * i));
        }

        var w = new uint[64];
        for (var chunk = 0; chunk < padded.Length; chunk += 64)
        {
            for (var i = 0; i < 16; i++)
            {
                w[i] = (uint)(padded[chunk + (4 * i)] << 24 | padded[chunk + (4 * i) + 1] << 16 | padded[chunk + (4 * i) + 2] << 8 | padded[chunk + (4 * i) + 3]);
            }

            for (var i = 16; i < 64; i++)
            {
                var s0 = uint.RotateRight(w[i - 15], 7) ^ uint.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
                var s1 = uint.RotateRight(w[i - 2], 17) ^ uint.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (var i = 0; i < 64; i++)
            {
                var S1 = uint.RotateRight(e, 6) ^ uint.RotateRight(e, 11) ^ uint.RotateRight(e, 25);
                var ch = (e & f) ^ (~e & g);
                var temp1 = hh + S1 + ch + K[i] + w[i];
                var S0 = uint.RotateRight(a, 2) ^ uint.RotateRight(a, 13) ^ uint.RotateRight(a, 22);
                var maj = (a & b) ^ (a & c) ^ (b & c);
                var temp2 = S0 + maj;
                hh = g;
                g = f;
                f = e;
                e = d + temp1;
                d = c;
                c = b;
                b = a;
                a = temp1 + temp2;
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }

        var result = new byte[28];
        for (var i = 0; i < 7; i++)
        {
            result[4 * i] = (byte)(h[i] >> 24);
            result[(4 * i) + 1] = (byte)(h[i] >> 16);
            result[(4 * i) + 2] = (byte)(h[i] >> 8);
            result[(4 * i) + 3] = (byte)h[i];
        }

        return result;
    }
}
