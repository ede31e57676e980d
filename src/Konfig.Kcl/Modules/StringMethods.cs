using System.Text;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>
/// Methods of KCL strings (<c>"a".upper()</c>). The receiver is <c>arguments[0]</c>. Positions and
/// lengths are UTF-8 byte offsets, as in the reference runtime.
/// </summary>
public static class StringMethods
{
    private static readonly Dictionary<string, BuiltinFunction> Table = Build();

    public static bool TryGet(string name, out BuiltinFunction method) => Table.TryGetValue(name, out method!);

    public static IEnumerable<string> Names => Table.Keys;

    private static Dictionary<string, BuiltinFunction> Build()
    {
        var table = new Dictionary<string, BuiltinFunction>(StringComparer.Ordinal);
        void Add(string name, Func<CallContext, string, Args, KclValue> body) =>
            table[name] = new BuiltinFunction(name, (context, positional, keywords) =>
            {
                if (positional.Count == 0 || positional[0] is not StringValue receiver)
                {
                    throw new KclRuntimeException($"Invalid str object in {name}");
                }

                return body(context, receiver.Value, new Args(positional.Skip(1).ToList(), keywords));
            });

        Add("upper", (_, s, _) => Str(s.ToUpperInvariant()));
        Add("lower", (_, s, _) => Str(s.ToLowerInvariant()));
        Add("capitalize", (_, s, _) => Str(s.Length == 0 ? s : Capitalize(s)));
        Add("title", (_, s, _) => Str(Title(s)));
        Add("chars", (_, s, _) => Strings(Characters(s)));
        Add("strip", (_, s, a) => Str(Param(a, 0, "chars") is { } chars ? s.Trim(AsText(chars).ToCharArray()) : s.Trim()));
        Add("lstrip", (_, s, a) => Str(Param(a, 0, "chars") is { } chars ? s.TrimStart(AsText(chars).ToCharArray()) : s.TrimStart()));
        Add("rstrip", (_, s, a) => Str(Param(a, 0, "chars") is { } chars ? s.TrimEnd(AsText(chars).ToCharArray()) : s.TrimEnd()));
        Add("removeprefix", (_, s, a) => Str(Param(a, 0, "prefix") is StringValue p && s.StartsWith(p.Value, StringComparison.Ordinal) ? s[p.Value.Length..] : s));
        Add("removesuffix", (_, s, a) => Str(Param(a, 0, "suffix") is StringValue p && s.EndsWith(p.Value, StringComparison.Ordinal) ? s[..^p.Value.Length] : s));
        Add("replace", (_, s, a) => Str(Replace(s, AsText(a.Get(0, "old") ?? Str(string.Empty)), AsText(a.Get(1, "new") ?? Str(string.Empty)), Param(a, 2, "count") is IntValue c ? c.Value : -1)));
        Add("startswith", (_, s, a) => Bool(Slice(s, a, 1, out var bytes) is { } range && Utf8StartsWith(bytes, range, AsText(a.Get(0, "val") ?? Str(string.Empty)), end: false)));
        Add("endswith", (_, s, a) => Bool(Slice(s, a, 1, out var bytes) is { } range && Utf8StartsWith(bytes, range, AsText(a.Get(0, "val") ?? Str(string.Empty)), end: true)));
        Add("find", (_, s, a) => Int(Find(s, a, reverse: false)));
        Add("rfind", (_, s, a) => Int(Find(s, a, reverse: true)));
        Add("index", (_, s, a) => Int(Find(s, a, reverse: false) is var i && i >= 0 ? i : throw new KclRuntimeException("substring not found")));
        Add("rindex", (_, s, a) => Int(Find(s, a, reverse: true) is var i && i >= 0 ? i : throw new KclRuntimeException("substring not found")));
        Add("count", (_, s, a) => Int(Count(s, a)));
        Add("split", (_, s, a) => Strings(Split(s, Param(a, 0, "sep") is { } sep ? AsText(sep) : null, Param(a, 1, "maxsplit") is IntValue m ? m.Value : -1)));
        Add("rsplit", (_, s, a) => Strings(RSplit(s, Param(a, 0, "sep") is { } sep ? AsText(sep) : null, Param(a, 1, "maxsplit") is IntValue m ? m.Value : -1)));
        Add("splitlines", (_, s, a) => Strings(SplitLines(s, Param(a, 0, "keepends")?.IsTruthy ?? false)));
        Add("join", (_, s, a) => Str(Join(s, Iterate(a.Get(0, "iter") ?? new ListValue()))));
        Add("format", (_, s, a) => Str(ValueFormatter.Format(s, a.Positional, a.Keywords)));
        Add("isalpha", (_, s, _) => Bool(s.Length > 0 && Runes(s).All(Rune.IsLetter)));
        Add("isalnum", (_, s, _) => Bool(s.Length > 0 && Runes(s).All(r => Rune.IsLetter(r) || Rune.IsNumber(r))));
        Add("isdigit", (_, s, _) => Bool(s.Length > 0 && Runes(s).All(r => (r.Value is >= '0' and <= '9') || r.Value is 0x2070 or 0xB9 or 0xB2 or 0xB3 or (>= 0x2074 and <= 0x2079))));
        Add("isnumeric", (_, s, _) => Bool(s.Length > 0 && Runes(s).All(Rune.IsNumber)));
        Add("islower", (_, s, _) => Bool(IsCase(s, Rune.IsLower, Rune.IsUpper)));
        Add("isupper", (_, s, _) => Bool(IsCase(s, Rune.IsUpper, Rune.IsLower)));
        Add("isspace", (_, s, _) => Bool(s.Length > 0 && Runes(s).All(r => Rune.IsWhiteSpace(r) || r.Value is >= 0x1C and <= 0x1F)));
        Add("istitle", (_, s, _) => Bool(IsTitle(s)));
        return table;
    }

    /// <summary>An optional parameter; None and Undefined count as absent.</summary>
    private static KclValue? Param(Args args, int index, string name) =>
        args.Get(index, name) is { IsNoneOrUndefined: false } value ? value : null;

    private static IEnumerable<Rune> Runes(string s) => s.EnumerateRunes();

    private static string Capitalize(string s)
    {
        var first = Characters(s).First();
        return first.ToUpperInvariant() + s[first.Length..].ToLowerInvariant();
    }

    private static string Title(string s)
    {
        var builder = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsLower(rune))
            {
                builder.Append(previousCased ? rune.ToString() : Rune.ToUpperInvariant(rune).ToString());
                previousCased = true;
            }
            else if (Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                builder.Append(previousCased ? Rune.ToLowerInvariant(rune).ToString() : rune.ToString());
                previousCased = true;
            }
            else
            {
                previousCased = false;
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsCase(string s, Func<Rune, bool> isCase, Func<Rune, bool> isOpposite)
    {
        var cased = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (isOpposite(rune))
            {
                return false;
            }

            cased |= isCase(rune);
        }

        return cased;
    }

    private static bool IsTitle(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        var cased = false;
        var previousCased = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                if (previousCased)
                {
                    return false;
                }

                previousCased = true;
                cased = true;
            }
            else if (Rune.IsLower(rune))
            {
                if (!previousCased)
                {
                    return false;
                }

                previousCased = true;
                cased = true;
            }
            else
            {
                previousCased = false;
            }
        }

        return cased;
    }

    private static string Join(string separator, IEnumerable<KclValue> items)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            builder.Append(ValueFormatter.ToStr(item));
            ValueLimits.CheckString(builder.Length);
        }

        return builder.ToString();
    }

    private static string Replace(string s, string old, string replacement, long count)
    {
        if (replacement.Length > old.Length)
        {
            // Checked before building: a growing replacement can multiply the length.
            var limit = count < 0 ? long.MaxValue : count;
            var occurrences = old.Length == 0 ? Math.Min(limit, Characters(s).Count() + 1L) : Math.Min(limit, CountOccurrences(s, old));
            ValueLimits.CheckString(s.Length + ValueLimits.RepeatedLength(replacement.Length - old.Length, occurrences));
        }

        if (count < 0)
        {
            return old.Length == 0 ? ReplaceEmpty(s, replacement, int.MaxValue) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        if (old.Length == 0)
        {
            return ReplaceEmpty(s, replacement, count);
        }

        var builder = new StringBuilder(s.Length);
        var start = 0;
        for (var n = 0; n < count; n++)
        {
            var index = s.IndexOf(old, start, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }

            builder.Append(s, start, index - start).Append(replacement);
            start = index + old.Length;
        }

        return builder.Append(s, start, s.Length - start).ToString();
    }

    private static long CountOccurrences(string s, string old)
    {
        long found = 0;
        for (var index = s.IndexOf(old, StringComparison.Ordinal); index >= 0; index = s.IndexOf(old, index + old.Length, StringComparison.Ordinal))
        {
            found++;
        }

        return found;
    }

    // Rust inserts the replacement before every character and at the end for an empty pattern.
    private static string ReplaceEmpty(string s, string replacement, long count)
    {
        var builder = new StringBuilder();
        long done = 0;
        foreach (var c in Characters(s))
        {
            if (done < count)
            {
                builder.Append(replacement);
                done++;
            }

            builder.Append(c);
        }

        if (done < count)
        {
            builder.Append(replacement);
        }

        return builder.ToString();
    }

    /// <summary>The byte range <c>[start, end)</c> from the optional start/end arguments after <paramref name="first"/>, or null when empty-inverted.</summary>
    private static (int Start, int End)? Slice(string s, Args args, int first, out byte[] bytes)
    {
        bytes = Encoding.UTF8.GetBytes(s);
        var length = bytes.Length;
        long start = Param(args, first, "start") is { } st ? AsLong(st) : 0;
        long end = Param(args, first + 1, "end") is { } en ? AsLong(en) : length;
        if (end > length)
        {
            end = length;
        }
        else if (end < 0)
        {
            end = Math.Max(0, end + length);
        }

        if (start < 0)
        {
            start = Math.Max(0, start + length);
        }

        if (start > end)
        {
            return null;
        }

        if (start > length || IsContinuation(bytes, (int)start) || IsContinuation(bytes, (int)end))
        {
            throw new KclRuntimeException("called `Option::unwrap()` on a `None` value");
        }

        return ((int)start, (int)end);
    }

    private static long AsLong(KclValue value) => value is IntValue i ? i.Value : (long)AsDouble(value, "slice");

    private static bool IsContinuation(byte[] bytes, int index) => index < bytes.Length && (bytes[index] & 0xC0) == 0x80;

    private static bool Utf8StartsWith(byte[] bytes, (int Start, int End) range, string affix, bool end)
    {
        var needle = Encoding.UTF8.GetBytes(affix);
        var span = bytes.AsSpan(range.Start, range.End - range.Start);
        return end ? span.EndsWith(needle) : span.StartsWith(needle);
    }

    private static long Find(string s, Args args, bool reverse)
    {
        var sub = AsText(args.Get(0, "sub") ?? Str(string.Empty));
        if (Slice(s, args, 1, out var bytes) is not { } range)
        {
            return -1;
        }

        var needle = Encoding.UTF8.GetBytes(sub);
        var span = bytes.AsSpan(range.Start, range.End - range.Start);
        var index = reverse ? span.LastIndexOf(needle) : span.IndexOf(needle);
        if (reverse && needle.Length == 0)
        {
            index = span.Length;
        }

        return index < 0 ? -1 : index + range.Start;
    }

    private static long Count(string s, Args args)
    {
        var sub = AsText(args.Get(0, "sub") ?? Str(string.Empty));
        if (Slice(s, args, 1, out var bytes) is not { } range)
        {
            return 0;
        }

        var span = bytes.AsSpan(range.Start, range.End - range.Start);
        var needle = Encoding.UTF8.GetBytes(sub);
        if (needle.Length == 0)
        {
            return Encoding.UTF8.GetCharCount(span) - CountSurrogatePairs(span) + 1;
        }

        long count = 0;
        var position = 0;
        while (position <= span.Length)
        {
            var index = span[position..].IndexOf(needle);
            if (index < 0)
            {
                break;
            }

            count++;
            position += index + needle.Length;
        }

        return count;
    }

    private static int CountSurrogatePairs(ReadOnlySpan<byte> span)
    {
        var count = 0;
        foreach (var b in span)
        {
            if (b >= 0xF0)
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsSplitSpace(char c) => c is ' ' or '\t' or '\n' or '\x0C' or '\r' or '\x0B';

    internal static List<string> Split(string s, string? separator, long maxsplit)
    {
        var result = new List<string>();
        if (separator is null)
        {
            var last = 0;
            var count = maxsplit;
            for (var offset = 0; offset < s.Length; offset++)
            {
                if (!IsSplitSpace(s[offset]))
                {
                    continue;
                }

                if (last == offset)
                {
                    last++;
                    continue;
                }

                if (count == 0)
                {
                    break;
                }

                result.Add(s[last..offset]);
                last = offset + 1;
                count--;
            }

            if (last != s.Length)
            {
                result.Add(s[last..]);
            }

            return result;
        }

        if (separator.Length == 0)
        {
            // Rust: an empty pattern matches between every character and at both ends.
            var pieces = new List<string> { string.Empty };
            pieces.AddRange(Characters(s));
            pieces.Add(string.Empty);
            if (maxsplit < 0 || maxsplit + 1 >= pieces.Count)
            {
                return pieces;
            }

            var head = pieces.Take((int)maxsplit).ToList();
            head.Add(string.Concat(pieces.Skip((int)maxsplit)));
            return head;
        }

        var start = 0;
        var splits = 0L;
        while (maxsplit < 0 || splits < maxsplit)
        {
            var index = s.IndexOf(separator, start, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }

            result.Add(s[start..index]);
            start = index + separator.Length;
            splits++;
        }

        result.Add(s[start..]);
        return result;
    }

    private static List<string> RSplit(string s, string? separator, long maxsplit)
    {
        var result = new List<string>();
        if (separator is null)
        {
            var count = maxsplit;
            var end = s.Length;
            while (end > 0)
            {
                var offset = end - 1;
                while (offset >= 0 && !IsSplitSpace(s[offset]))
                {
                    offset--;
                }

                if (offset < 0)
                {
                    break;
                }

                if (offset + 1 != end)
                {
                    if (count == 0)
                    {
                        break;
                    }

                    result.Add(s[(offset + 1)..end]);
                    count--;
                }

                end = offset;
            }

            if (end > 0)
            {
                result.Add(s[..end]);
            }

            result.Reverse();
            return result;
        }

        if (separator.Length == 0)
        {
            return Split(s, separator, maxsplit);
        }

        var stop = s.Length;
        var splits = 0L;
        while (maxsplit < 0 || splits < maxsplit)
        {
            var index = stop == 0 ? -1 : s.LastIndexOf(separator, stop - 1, StringComparison.Ordinal);
            if (index < 0 || index + separator.Length > stop)
            {
                break;
            }

            result.Add(s[(index + separator.Length)..stop]);
            stop = index;
            splits++;
        }

        result.Add(s[..stop]);
        result.Reverse();
        return result;
    }

    private static List<string> SplitLines(string s, bool keepEnds)
    {
        var result = new List<string>();
        var keep = keepEnds ? 1 : 0;
        var last = 0;
        for (var i = 0; i < s.Length; i++)
        {
            int endLength;
            int advance;
            if (s[i] == '\n')
            {
                (endLength, advance) = (keep, 1);
            }
            else if (s[i] == '\r')
            {
                if (i + 1 < s.Length && s[i + 1] == '\n')
                {
                    (endLength, advance) = (keep * 2, 2);
                }
                else
                {
                    (endLength, advance) = (keep, 1);
                }
            }
            else
            {
                continue;
            }

            result.Add(s[last..(i + endLength)]);
            last = i + advance;
            i += advance - 1;
        }

        if (last != s.Length)
        {
            result.Add(s[last..]);
        }

        return result;
    }
}
