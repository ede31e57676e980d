using Konfig.Kcl.Compilation;
using Konfig.Kcl.Tests.Conformance;

namespace Konfig.Kcl.Fuzz;

/// <summary>
/// A private copy of the corpus tree for one worker: a mutant is written over its case's file, run, and
/// the original put back. Cases write files and import from folders above them, hence a whole copy.
/// </summary>
internal sealed class MutantWorkspace : IDisposable
{
    private readonly FuzzCorpus _corpus;
    private readonly string _parent;

    public MutantWorkspace(FuzzCorpus corpus)
    {
        _corpus = corpus;
        _parent = Path.Combine(Path.GetTempPath(), "konfig-fuzz-" + Guid.NewGuid().ToString("N")[..12]);
        Root = Path.Combine(_parent, Path.GetFileName(Path.TrimEndingDirectorySeparator(corpus.Root)));
        CopyDirectory(corpus.Root, Root);
    }

    public string Root { get; }

    /// <summary>
    /// Writes the mutant in place, runs it through the harness, then restores the original file. A run that
    /// passes the deadline runs again with <paramref name="longTimeout"/>: ending then, it was only slow
    /// (the size limits bound the work of any program, but not to two seconds).
    /// </summary>
    public FuzzOutcome Run(Mutant mutant, TimeSpan timeout, TimeSpan longTimeout, TimeSpan watchdog)
    {
        var outcome = Run(mutant, timeout, watchdog);
        if (outcome.Kind != OutcomeKind.Timeout || longTimeout <= timeout)
        {
            return outcome;
        }

        var again = Run(mutant, longTimeout, watchdog + longTimeout);
        return again.Kind is OutcomeKind.Ok or OutcomeKind.Diagnostics
            ? new FuzzOutcome(OutcomeKind.Slow, string.Empty, again.Elapsed)
            : again;
    }

    private FuzzOutcome Run(Mutant mutant, TimeSpan timeout, TimeSpan watchdog)
    {
        var caseDirectory = Path.Combine(Root, mutant.Case.Path);
        var target = Path.Combine(caseDirectory, mutant.TargetFile);
        var original = mutant.Case.Files.FirstOrDefault(f => f.RelativePath == mutant.TargetFile);
        File.WriteAllBytes(target, mutant.Bytes);
        try
        {
            var (options, error) = CaseOptionsParser.Parse(mutant.Case.KclOptions, caseDirectory, timeout);
            if (options is null)
            {
                return new FuzzOutcome(OutcomeKind.Diagnostics, error ?? string.Empty, TimeSpan.Zero);
            }

            var flags = mutant.Flags;
            options = options with
            {
                Debug = options.Debug || flags.Debug,
                StrictRangeCheck = options.StrictRangeCheck || flags.StrictRangeCheck,
                DisableNone = options.DisableNone || flags.DisableNone,
                SortKeys = options.SortKeys || flags.SortKeys,
                ShowHidden = options.ShowHidden || flags.ShowHidden,
            };
            return FuzzHarness.Run(options, watchdog);
        }
        finally
        {
            if (original is not null)
            {
                File.WriteAllBytes(target, original.Bytes);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A mutant left something read-only behind: the OS cleans the temp folder eventually.
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
