using System.Text.Json;

namespace Konfig.Rewrite.Tests.Overrides;

/// <summary>
/// The reference's override cases in <c>../shared/kcl-rewrite/override</c> (one folder each: main.k,
/// case.json with the exact specs and import paths, and expected.k or an expected error).
/// <c>$KONFIG_SHARED_DIR</c> points elsewhere. A fresh clone has none: the tests needing them skip, saying so.
/// </summary>
internal static class OverrideCases
{
    private static readonly Lazy<string?> FolderValue = new(FindFolder);

    public static string? Folder => FolderValue.Value;

    public static string WhyMissing => $"shared/kcl-rewrite/override is absent (looked in {Path.Combine(SharedRoot(), "kcl-rewrite", "override")}); set KONFIG_SHARED_DIR to the shared folder to run these cases";

    public static IEnumerable<string> Names() => Folder is { } folder
        ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
        : [];

    public static OverrideCase Load(string name)
    {
        var directory = Path.Combine(Folder!, name);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "case.json")));
        var root = json.RootElement;
        string? Read(string file) => File.Exists(Path.Combine(directory, file)) ? File.ReadAllText(Path.Combine(directory, file)) : null;
        return new OverrideCase(
            name,
            Read("main.k"),
            [.. root.GetProperty("specs").EnumerateArray().Select(spec => spec.GetString()!)],
            [.. root.GetProperty("import_paths").EnumerateArray().Select(path => path.GetString()!)],
            root.TryGetProperty("repeat", out var repeat) ? repeat.GetInt32() : 1,
            Read("expected.k"),
            Read("expected_error.txt"),
            Read("expected_diagnostics.json"));
    }

    private static string? FindFolder()
    {
        var folder = Path.Combine(SharedRoot(), "kcl-rewrite", "override");
        return Directory.Exists(folder) ? folder : null;
    }

    private static string SharedRoot() => Path.GetFullPath(
        Environment.GetEnvironmentVariable("KONFIG_SHARED_DIR") is { Length: > 0 } variable ? variable : Path.Combine(SourceCheckout.Root, "..", "shared"));
}

internal sealed record OverrideCase(
    string Name,
    string? Source,
    IReadOnlyList<string> Specs,
    IReadOnlyList<string> ImportPaths,
    int Repeat,
    string? Expected,
    string? ExpectedError,
    string? ExpectedDiagnostics);

/// <summary>A theory over the shared override cases that shows as skipped, with the reason, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresOverrideCasesTheoryAttribute : TheoryAttribute
{
    public RequiresOverrideCasesTheoryAttribute()
    {
        if (OverrideCases.Folder is null)
        {
            Skip = OverrideCases.WhyMissing;
        }
    }
}

/// <summary>A fact over the shared override cases that shows as skipped, with the reason, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresOverrideCasesFactAttribute : FactAttribute
{
    public RequiresOverrideCasesFactAttribute()
    {
        if (OverrideCases.Folder is null)
        {
            Skip = OverrideCases.WhyMissing;
        }
    }
}
