using System.Text;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;
using static Konfig.Kcl.Fuzz.MutationVocabulary;

namespace Konfig.Kcl.Fuzz;

/// <summary>
/// Makes mutants of the corpus files: token deletions, duplications, swaps and replacements (tokens found
/// by our own <see cref="Lexer"/>), line truncations and shuffles, random character and byte damage,
/// bracket and indentation damage, and splices of two files. Mutant <c>i</c> of seed <c>s</c> depends on
/// nothing else, so workers can take indexes in any order and a saved mutant can be made again.
/// </summary>
internal sealed class Mutator
{
    private const int MaxRounds = 8;

    private readonly FuzzCorpus _corpus;

    public Mutator(FuzzCorpus corpus) => _corpus = corpus;

    public Mutant Create(int seed, long index)
    {
        var random = new Random(MixSeed(seed, index));
        var fuzzCase = _corpus.Cases[random.Next(_corpus.Cases.Count)];
        var target = fuzzCase.Files.Count == 1 || random.Next(5) > 0 ? fuzzCase.Files[0] : fuzzCase.Files[random.Next(fuzzCase.Files.Count)];
        var log = new List<string>();
        var text = target.Text;
        var rounds = 1;
        while (rounds < MaxRounds && random.Next(2) == 0)
        {
            rounds++;
        }

        for (var i = 0; i < rounds; i++)
        {
            text = MutateOnce(text, random, log);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(10) == 0)
        {
            bytes = DamageBytes(bytes, random, log);
        }

        var flags = random.Next(5) == 0
            ? new RunFlags(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0)
            : RunFlags.None;
        return new Mutant(seed, index, fuzzCase, target.RelativePath, bytes, flags, log);
    }

    /// <summary>SplitMix64 of the pair: nearby indexes get unrelated random streams.</summary>
    private static int MixSeed(int seed, long index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }

    private string MutateOnce(string text, Random random, List<string> log)
    {
        var tokens = TokenSpans(text);
        if (tokens.Count == 0 && text.Length == 0)
        {
            return InsertToken(text, tokens, random, log);
        }

        switch (random.Next(100))
        {
            case < 10: return tokens.Count > 0 ? DeleteToken(text, tokens, random, log) : InsertCharacters(text, random, log);
            case < 18: return tokens.Count > 0 ? DuplicateToken(text, tokens, random, log) : InsertCharacters(text, random, log);
            case < 26: return tokens.Count > 1 ? SwapTokens(text, tokens, random, log) : InsertCharacters(text, random, log);
            case < 36: return tokens.Count > 0 ? ReplaceToken(text, tokens, random, log) : InsertCharacters(text, random, log);
            case < 44: return InsertToken(text, tokens, random, log);
            case < 50: return ReplaceNumber(text, tokens, random, log);
            case < 56: return TruncateLine(text, random, log);
            case < 59: return TruncateFile(text, random, log);
            case < 65: return ShuffleLines(text, random, log);
            case < 72: return InsertCharacters(text, random, log);
            case < 78: return ReplaceCharacter(text, random, log);
            case < 83: return DamageBrackets(text, random, log);
            case < 86: return tokens.Count > 0 ? Wrap(text, tokens, random, log) : InsertCharacters(text, random, log);
            case < 93: return DamageIndentation(text, random, log);
            default: return Splice(text, random, log);
        }
    }

    /// <summary>Non-empty token spans as our lexer sees them; none when it fails (the run will report that failure).</summary>
    private static List<(int Start, int End)> TokenSpans(string text)
    {
        try
        {
            var (tokens, _) = Lexer.Tokenize(new SourceFile("mutant.k", text));
            return tokens.Where(t => t.Span.Length > 0 && t.Kind != TokenKind.Newline).Select(t => (t.Span.Start, t.Span.End)).ToList();
        }
        catch (Exception)
        {
            return [];
        }
    }

    private static string Describe(string text) => text.Length <= 24 ? text : text[..24] + "…";

    private static string DeleteToken(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var (start, end) = tokens[random.Next(tokens.Count)];
        log.Add($"delete token '{Describe(text[start..end])}' at {start}");
        return text.Remove(start, end - start);
    }

    private static string DuplicateToken(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var (start, end) = tokens[random.Next(tokens.Count)];
        var times = random.Next(4) == 0 ? random.Next(2, 300) : 1;
        var separator = random.Next(2) == 0 ? " " : string.Empty;
        var copy = string.Concat(Enumerable.Repeat(separator + text[start..end], times));
        log.Add($"duplicate token '{Describe(text[start..end])}' at {start} x{times}");
        return text.Insert(end, copy);
    }

    private static string SwapTokens(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var first = random.Next(tokens.Count);
        var second = random.Next(3) > 0
            ? Math.Clamp(first + random.Next(-8, 9), 0, tokens.Count - 1)
            : random.Next(tokens.Count);
        if (first == second)
        {
            return text;
        }

        var (a, b) = first < second ? (tokens[first], tokens[second]) : (tokens[second], tokens[first]);
        log.Add($"swap tokens '{Describe(text[a.Start..a.End])}' at {a.Start} and '{Describe(text[b.Start..b.End])}' at {b.Start}");
        return text[..a.Start] + text[b.Start..b.End] + text[a.End..b.Start] + text[a.Start..a.End] + text[b.End..];
    }

    private static string ReplaceToken(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var (start, end) = tokens[random.Next(tokens.Count)];
        var replacement = PickToken(text, tokens, random);
        log.Add($"replace token '{Describe(text[start..end])}' at {start} with '{Describe(replacement)}'");
        return string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
    }

    private static string InsertToken(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var at = tokens.Count == 0 ? random.Next(text.Length + 1) : (random.Next(2) == 0 ? tokens[random.Next(tokens.Count)].Start : tokens[random.Next(tokens.Count)].End);
        var inserted = PickToken(text, tokens, random);
        var padded = random.Next(2) == 0 ? " " + inserted + " " : inserted;
        log.Add($"insert token '{Describe(inserted)}' at {at}");
        return text.Insert(at, padded);
    }

    private static string PickToken(string text, List<(int Start, int End)> tokens, Random random)
    {
        switch (random.Next(4))
        {
            case 0 when tokens.Count > 0:
                var (start, end) = tokens[random.Next(tokens.Count)];
                return text[start..end];
            case 1:
                return Keywords[random.Next(Keywords.Length)];
            case 2:
                return Punctuation[random.Next(Punctuation.Length)];
            case 3 when random.Next(2) == 0:
                return Numbers[random.Next(Numbers.Length)];
            default:
                return Literals[random.Next(Literals.Length)];
        }
    }

    private static string ReplaceNumber(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var numbers = tokens.Where(t => char.IsAsciiDigit(text[t.Start])).ToList();
        if (numbers.Count == 0)
        {
            return InsertToken(text, tokens, random, log);
        }

        var (start, end) = numbers[random.Next(numbers.Count)];
        var replacement = Numbers[random.Next(Numbers.Length)];
        log.Add($"replace number '{Describe(text[start..end])}' at {start} with {replacement}");
        return string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
    }

    private static string TruncateLine(string text, Random random, List<string> log)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        var lineEnd = text.IndexOf('\n', at);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd;
        log.Add($"truncate line at {at}");
        return text.Remove(at, lineEnd - at);
    }

    private static string TruncateFile(string text, Random random, List<string> log)
    {
        var at = random.Next(text.Length + 1);
        log.Add($"truncate file at {at}");
        return text[..at];
    }

    private static string ShuffleLines(string text, Random random, List<string> log)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        var j = random.Next(lines.Count);
        switch (random.Next(3))
        {
            case 0:
                log.Add($"delete line {i + 1}");
                lines.RemoveAt(i);
                break;
            case 1:
                log.Add($"duplicate line {i + 1}");
                lines.Insert(i, lines[i]);
                break;
            default:
                log.Add($"swap lines {i + 1} and {j + 1}");
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
        }

        return string.Join('\n', lines);
    }

    private static string InsertCharacters(string text, Random random, List<string> log)
    {
        var at = random.Next(text.Length + 1);
        var builder = new StringBuilder();
        for (var count = random.Next(1, 5); count > 0; count--)
        {
            builder.Append(random.Next(3) == 0 ? OddCharacters[random.Next(OddCharacters.Length)] : (char)random.Next(0x20, 0x7f));
        }

        log.Add($"insert {EscapeForLog(builder.ToString())} at {at}");
        return text.Insert(at, builder.ToString());
    }

    private static string ReplaceCharacter(string text, Random random, List<string> log)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        var replacement = random.Next(3) == 0 ? OddCharacters[random.Next(OddCharacters.Length)] : (char)random.Next(0x20, 0x7f);
        log.Add($"replace {EscapeForLog(text[at].ToString())} at {at} with {EscapeForLog(replacement.ToString())}");
        return string.Concat(text.AsSpan(0, at), replacement.ToString(), text.AsSpan(at + 1));
    }

    private static string DamageBrackets(string text, Random random, List<string> log)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => Array.IndexOf(Brackets, text[i]) >= 0).ToList();
        var choice = positions.Count == 0 ? 2 : random.Next(4);
        switch (choice)
        {
            case 0:
                var deleted = positions[random.Next(positions.Count)];
                log.Add($"delete bracket '{text[deleted]}' at {deleted}");
                return text.Remove(deleted, 1);
            case 1:
                var replaced = positions[random.Next(positions.Count)];
                var other = Brackets[random.Next(Brackets.Length)];
                log.Add($"replace bracket '{text[replaced]}' at {replaced} with '{other}'");
                return string.Concat(text.AsSpan(0, replaced), other.ToString(), text.AsSpan(replaced + 1));
            case 2:
                var at = random.Next(text.Length + 1);
                var bracket = Brackets[random.Next(Brackets.Length)];
                var times = random.Next(3) == 0 ? random.Next(2, 500) : 1;
                log.Add($"insert '{bracket}' x{times} at {at}");
                return text.Insert(at, new string(bracket, times));
            default:
                // Wrap a random stretch in many bracket pairs: deep but balanced nesting.
                var start = positions[random.Next(positions.Count)];
                var end = Math.Min(text.Length, start + random.Next(1, 40));
                var depth = random.Next(1, 400);
                var open = "([{"[random.Next(3)];
                var close = open switch { '(' => ')', '[' => ']', _ => '}' };
                log.Add($"nest {start}..{end} in {depth} '{open}{close}'");
                return text[..start] + new string(open, depth) + text[start..end] + new string(close, depth) + text[end..];
        }
    }

    private static string Wrap(string text, List<(int Start, int End)> tokens, Random random, List<string> log)
    {
        var (start, end) = tokens[random.Next(tokens.Count)];
        var (open, close) = Wrappers[random.Next(Wrappers.Length)];
        var depth = random.Next(3) == 0 ? random.Next(100, 3000) : random.Next(1, 100);
        log.Add($"wrap '{Describe(text[start..end])}' at {start} in {depth} x '{open}…{close}'");
        return text[..start] + string.Concat(Enumerable.Repeat(open, depth)) + text[start..end] + string.Concat(Enumerable.Repeat(close, depth)) + text[end..];
    }

    private static string DamageIndentation(string text, Random random, List<string> log)
    {
        var lines = text.Split('\n');
        var i = random.Next(lines.Length);
        var line = lines[i];
        var indent = line.Length - line.TrimStart(' ', '\t').Length;
        switch (random.Next(4))
        {
            case 0:
                var added = random.Next(1, 9);
                lines[i] = new string(' ', added) + line;
                log.Add($"indent line {i + 1} by {added}");
                break;
            case 1:
                var removed = indent == 0 ? 0 : random.Next(1, indent + 1);
                lines[i] = line[removed..];
                log.Add($"dedent line {i + 1} by {removed}");
                break;
            case 2:
                lines[i] = "\t" + line;
                log.Add($"tab before line {i + 1}");
                break;
            default:
                lines[i] = line[..indent].Replace("    ", "\t", StringComparison.Ordinal) + line[indent..];
                log.Add($"tabs for spaces on line {i + 1}");
                break;
        }

        return string.Join('\n', lines);
    }

    private string Splice(string text, Random random, List<string> log)
    {
        var otherCase = _corpus.Cases[random.Next(_corpus.Cases.Count)];
        var other = otherCase.Files[random.Next(otherCase.Files.Count)];
        var ours = text.Split('\n');
        var theirs = other.Text.Split('\n');
        var cut = random.Next(ours.Length + 1);
        var from = random.Next(theirs.Length + 1);
        if (random.Next(2) == 0)
        {
            log.Add($"splice lines 1..{cut} with {otherCase.Path}/{other.RelativePath} from line {from + 1}");
            return string.Join('\n', ours.Take(cut).Concat(theirs.Skip(from)));
        }

        var length = random.Next(1, 12);
        log.Add($"insert lines {from + 1}..{from + length} of {otherCase.Path}/{other.RelativePath} before line {cut + 1}");
        return string.Join('\n', ours.Take(cut).Concat(theirs.Skip(from).Take(length)).Concat(ours.Skip(cut)));
    }

    /// <summary>Raw byte damage after encoding: may leave invalid UTF-8 behind.</summary>
    private static byte[] DamageBytes(byte[] bytes, Random random, List<string> log)
    {
        var list = bytes.ToList();
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            var value = (byte)random.Next(256);
            if (list.Count > 0 && random.Next(2) == 0)
            {
                var at = random.Next(list.Count);
                log.Add($"replace byte {at} with 0x{value:x2}");
                list[at] = value;
            }
            else
            {
                var at = random.Next(list.Count + 1);
                log.Add($"insert byte 0x{value:x2} at {at}");
                list.Insert(at, value);
            }
        }

        return [.. list];
    }

    private static string EscapeForLog(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return builder.Append('"').ToString();
    }
}
