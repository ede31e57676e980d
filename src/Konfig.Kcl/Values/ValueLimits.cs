using System.Globalization;

namespace Konfig.Kcl.Values;

/// <summary>
/// Size limits on what a program may build. KCL itself has none: the reference grows strings and lists
/// until the allocator aborts the process. We stop with a KCL error first, checked before the memory is
/// taken, so that a small input cannot make the compiler exhaust the machine's memory. The limits are far
/// beyond any real configuration: a 100 MB string literal or data file still fits.
/// </summary>
public static class ValueLimits
{
    /// <summary>Characters in one string: 2^27 (256 MB in memory as UTF-16).</summary>
    public const long MaxStringLength = 1L << 27;

    /// <summary>Items in one list or dict: 2^24 (16.7 million).</summary>
    public const long MaxCollectionLength = 1L << 24;

    /// <summary>Characters of printed output (YAML, JSON, <c>print</c>, <c>str()</c> of a value): 2^28.</summary>
    public const long MaxOutputLength = 1L << 28;

    /// <summary>Throws KCL's runtime error when a string of <paramref name="length"/> characters is over the limit.</summary>
    public static void CheckString(long length)
    {
        if (length > MaxStringLength)
        {
            throw new KclRuntimeException($"string too long: {Format(length)} characters, the limit is {Format(MaxStringLength)}");
        }
    }

    /// <summary>The same for a list or dict of <paramref name="count"/> items.</summary>
    public static void CheckCollection(long count)
    {
        if (count > MaxCollectionLength)
        {
            throw new KclRuntimeException($"list or dict too long: {Format(count)} items, the limit is {Format(MaxCollectionLength)}");
        }
    }

    /// <summary>The same for output being written, <paramref name="length"/> characters so far.</summary>
    public static void CheckOutput(long length)
    {
        if (length > MaxOutputLength)
        {
            throw new KclRuntimeException($"output too large: more than {Format(MaxOutputLength)} characters");
        }
    }

    /// <summary><paramref name="unit"/> repeated <paramref name="times"/> times, checked before it is built (no overflow for any count).</summary>
    public static long RepeatedLength(long unit, long times) =>
        times <= 0 || unit == 0 ? 0 : unit > long.MaxValue / times ? long.MaxValue : unit * times;

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
