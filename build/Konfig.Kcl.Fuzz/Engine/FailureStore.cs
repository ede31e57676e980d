using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Konfig.Kcl.Fuzz;

/// <summary>
/// Saves failing mutants for replay: <c>{root}/{kind}-{signature hash}/{seed}-{index}/</c> holds the mutated
/// file as <c>mutant.k</c> and <c>mutant.txt</c> (case, file, flags, mutations, what happened). At most a few
/// mutants are kept per signature.
/// </summary>
internal sealed class FailureStore
{
    public const string MutantFile = "mutant.k";
    public const string InfoFile = "mutant.txt";
    private const int KeptPerSignature = 5;

    /// <summary>Mutation logs quote damaged text (lone surrogates): written with replacement characters, never refused.</summary>
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly string _root;
    private readonly Dictionary<string, int> _saved = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public FailureStore(string root) => _root = root;

    /// <summary>The folder the mutant was saved in, or null when enough of its kind are saved already.</summary>
    public string? Save(Mutant mutant, FuzzOutcome outcome, string signature)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(signature)))[..10].ToLowerInvariant();
        lock (_gate)
        {
            var count = _saved.GetValueOrDefault(signature);
            if (count >= KeptPerSignature)
            {
                return null;
            }

            _saved[signature] = count + 1;
        }

        var folder = Path.Combine(_root, $"{outcome.Kind.ToString().ToLowerInvariant()}-{hash}", $"{mutant.Seed}-{mutant.Index}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, MutantFile), mutant.Bytes);
        File.WriteAllText(Path.Combine(folder, InfoFile), Describe(mutant, outcome.Kind.ToString(), signature, outcome.Detail), LenientUtf8);
        return folder;
    }

    private static string Describe(Mutant mutant, string outcome, string signature, string detail)
    {
        var info = new StringBuilder();
        info.Append("case: ").Append(mutant.Case.Path).Append('\n');
        info.Append("file: ").Append(mutant.TargetFile).Append('\n');
        info.Append("flags: ").Append(mutant.Flags).Append('\n');
        info.Append("seed: ").Append(mutant.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        info.Append("index: ").Append(mutant.Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        info.Append("outcome: ").Append(outcome).Append('\n');
        info.Append("signature: ").Append(signature).Append('\n');
        info.Append("mutations:\n");
        foreach (var mutation in mutant.Mutations)
        {
            info.Append("  ").Append(mutation).Append('\n');
        }

        info.Append("detail:\n").Append(detail).Append('\n');
        return info.ToString();
    }

    /// <summary>
    /// Writes the mutant a worker is about to run to <c>{root}/in-flight/worker-{n}/</c>. A stack overflow
    /// ends the whole process with no chance to save anything: what is left there is the culprit.
    /// </summary>
    public void SaveInFlight(int worker, Mutant mutant)
    {
        var folder = Path.Combine(_root, "in-flight", $"worker-{worker}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, MutantFile), mutant.Bytes);
        File.WriteAllText(Path.Combine(folder, InfoFile), Describe(mutant, "in flight", string.Empty, string.Empty), LenientUtf8);
    }

    /// <summary>After a session that ended normally, nothing was left in flight.</summary>
    public void ClearInFlight()
    {
        var folder = Path.Combine(_root, "in-flight");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads a saved mutant back; the case comes from the corpus, the bytes from the folder.</summary>
    public static Mutant? Load(string folder, FuzzCorpus corpus)
    {
        var fields = File.ReadAllLines(Path.Combine(folder, InfoFile))
            .TakeWhile(l => l != "mutations:")
            .Select(l => l.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (corpus.Find(fields["case"]) is not { } fuzzCase)
        {
            return null;
        }

        return new Mutant(
            int.Parse(fields["seed"], CultureInfo.InvariantCulture),
            long.Parse(fields["index"], CultureInfo.InvariantCulture),
            fuzzCase,
            fields["file"],
            File.ReadAllBytes(Path.Combine(folder, MutantFile)),
            RunFlags.Parse(fields.GetValueOrDefault("flags", string.Empty)),
            []);
    }
}
