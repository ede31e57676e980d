// PLACEHOLDER until branch `eval` lands in main: delete this file when the real evaluator is merged.
using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

public sealed record EvaluationSettings
{
    public IReadOnlyDictionary<string, KclValue> Options { get; init; } = new Dictionary<string, KclValue>();

    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public bool StrictRangeCheck { get; init; }

    public bool Debug { get; init; }

    public bool ShowHidden { get; init; }

    public bool SortKeys { get; init; }

    public TextWriter Output { get; init; } = TextWriter.Null;

    public CancellationToken Cancellation { get; init; }
}

public sealed record KclPackage(string PackagePath, string Directory, IReadOnlyList<ModuleSyntax> Modules);

public interface IPackageResolver
{
    KclPackage? Resolve(string importPath, KclPackage importer, ModuleSyntax importingFile);
}

public sealed record EvaluationResult(IReadOnlyList<KeyValuePair<string, KclValue>> Values, ImmutableArray<Diagnostic> Diagnostics);

public static class KclEvaluator
{
    public static EvaluationResult Evaluate(KclPackage main, IPackageResolver resolver, EvaluationSettings settings) => new([], []);
}
