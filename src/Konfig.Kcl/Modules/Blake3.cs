namespace Konfig.Kcl.Modules;

/// <summary>BLAKE3 with the default 32-byte output (the reference algorithm, single-threaded).</summary>
internal static class Blake3
{
    private const int BlockLength = 64;
    private const int ChunkLength = 1024;
    private const uint ChunkStart = 1;
    private const uint ChunkEnd = 2;
    private const uint Parent = 4;
    private const uint Root = 8;

    private static readonly uint[] Iv = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19];
    private static readonly int[] Permutation = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];

    public static byte[] Hash(byte[] input)
    {
        var stack = new Stack<uint[]>();
        var chunkCounter = 0UL;
        var offset = 0;

        // All chunks but the last are compressed as non-root and merged into the tree.
        while (input.Length - offset > ChunkLength)
        {
            var cv = ChunkChainingValue(input.AsSpan(offset, ChunkLength), chunkCounter, root: false, out _);
            var total = chunkCounter + 1;
            while ((total & 1) == 0)
            {
                cv = ParentChainingValue(stack.Pop(), cv, root: false);
                total >>= 1;
            }

            stack.Push(cv);
            chunkCounter++;
            offset += ChunkLength;
        }

        var last = input.AsSpan(offset);
        if (stack.Count == 0)
        {
            ChunkChainingValue(last, chunkCounter, root: true, out var output);
            return output;
        }

        var node = ChunkChainingValue(last, chunkCounter, root: false, out _);
        while (stack.Count > 1)
        {
            node = ParentChainingValue(stack.Pop(), node, root: false);
        }

        var words = ParentWords(stack.Pop(), node);
        return ToBytes(Compress(Iv, words, 0, BlockLength, Parent | Root));
    }

    private static uint[] ChunkChainingValue(ReadOnlySpan<byte> chunk, ulong counter, bool root, out byte[] output)
    {
        var cv = (uint[])Iv.Clone();
        var blocks = Math.Max(1, (chunk.Length + BlockLength - 1) / BlockLength);
        output = [];
        for (var i = 0; i < blocks; i++)
        {
            var start = i * BlockLength;
            var length = Math.Min(BlockLength, chunk.Length - start);
            var block = new byte[BlockLength];
            if (length > 0)
            {
                chunk.Slice(start, length).CopyTo(block);
            }

            var flags = 0u;
            if (i == 0)
            {
                flags |= ChunkStart;
            }

            if (i == blocks - 1)
            {
                flags |= ChunkEnd;
                if (root)
                {
                    flags |= Root;
                }
            }

            var state = Compress(cv, Words(block), counter, (uint)Math.Max(length, 0), flags);
            if (root && i == blocks - 1)
            {
                output = ToBytes(state);
            }

            cv = state[..8];
        }

        return cv;
    }

    private static uint[] ParentChainingValue(uint[] left, uint[] right, bool root) =>
        Compress(Iv, ParentWords(left, right), 0, BlockLength, Parent | (root ? Root : 0))[..8];

    private static uint[] ParentWords(uint[] left, uint[] right)
    {
        var words = new uint[16];
        Array.Copy(left, 0, words, 0, 8);
        Array.Copy(right, 0, words, 8, 8);
        return words;
    }

    private static uint[] Words(byte[] block)
    {
        var words = new uint[16];
        for (var i = 0; i < 16; i++)
        {
            words[i] = (uint)(block[4 * i] | block[(4 * i) + 1] << 8 | block[(4 * i) + 2] << 16 | block[(4 * i) + 3] << 24);
        }

        return words;
    }

    private static byte[] ToBytes(uint[] state)
    {
        var bytes = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            bytes[4 * i] = (byte)state[i];
            bytes[(4 * i) + 1] = (byte)(state[i] >> 8);
            bytes[(4 * i) + 2] = (byte)(state[i] >> 16);
            bytes[(4 * i) + 3] = (byte)(state[i] >> 24);
        }

        return bytes;
    }

    private static uint[] Compress(uint[] cv, uint[] blockWords, ulong counter, uint blockLength, uint flags)
    {
        uint[] v =
        [
            cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], cv[7],
            Iv[0], Iv[1], Iv[2], Iv[3], (uint)counter, (uint)(counter >> 32), blockLength, flags,
        ];
        var m = (uint[])blockWords.Clone();
        for (var round = 0; round < 7; round++)
        {
            G(v, 0, 4, 8, 12, m[0], m[1]);
            G(v, 1, 5, 9, 13, m[2], m[3]);
            G(v, 2, 6, 10, 14, m[4], m[5]);
            G(v, 3, 7, 11, 15, m[6], m[7]);
            G(v, 0, 5, 10, 15, m[8], m[9]);
            G(v, 1, 6, 11, 12, m[10], m[11]);
            G(v, 2, 7, 8, 13, m[12], m[13]);
            G(v, 3, 4, 9, 14, m[14], m[15]);
            if (round < 6)
            {
                var permuted = new uint[16];
                for (var i = 0; i < 16; i++)
                {
                    permuted[i] = m[Permutation[i]];
                }

                m = permuted;
            }
        }

        for (var i = 0; i < 8; i++)
        {
            v[i] ^= v[i + 8];
            v[i + 8] ^= cv[i];
        }

        return v;
    }

    private static void G(uint[] v, int a, int b, int c, int d, uint x, uint y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = uint.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = uint.RotateRight(v[b] ^ v[c], 12);
        v[a] = v[a] + v[b] + y;
        v[d] = uint.RotateRight(v[d] ^ v[a], 8);
        v[c] = v[c] + v[d];
        v[b] = uint.RotateRight(v[b] ^ v[c], 7);
    }
}
