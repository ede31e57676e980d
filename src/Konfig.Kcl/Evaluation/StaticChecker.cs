using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// Cheap checks KCL does before evaluating: reassigned immutable globals. (Parameter lists are checked by the parser.)
/// </summary>
internal static class StaticChecker
{
    /// <summary>Errors that stop the run before evaluation.</summary>
    public static void CheckFatal(KclPackage package, List<Diagnostic> diagnostics) => CheckImmutableGlobals(package, diagnostics);

    private static void CheckImmutableGlobals(KclPackage package, List<Diagnostic> diagnostics)
    {
        var first = new Dictionary<string, (TextSpan Span, bool IsUnification)>(StringComparer.Ordinal);
        foreach (var module in package.Modules)
        {
            foreach (var statement in module.Body)
            {
                if (statement is ImportStatement import)
                {
                    first.TryAdd(import.Name, (import.Span, false));
                    continue;
                }

                foreach (var (name, span, isUnification, isWholeName) in Assignments(statement))
                {
                    if (name.StartsWith('_'))
                    {
                        continue;
                    }

                    if (!first.TryGetValue(name, out var declared))
                    {
                        if (isWholeName)
                        {
                            first[name] = (span, isUnification);
                        }

                        continue;
                    }

                    if (isUnification && declared.IsUnification)
                    {
                        continue;
                    }

                    diagnostics.Add(EvaluationDiagnostics.Immutable(span, declared.Span, name));
                }
            }
        }
    }

    private static IEnumerable<(string Name, TextSpan Span, bool IsUnification, bool IsWholeName)> Assignments(Statement statement)
    {
        switch (statement)
        {
            case AssignStatement assign:
                foreach (var target in assign.Targets)
                {
                    if (Evaluator.RootName(target) is { } name)
                    {
                        yield return (name, target.Span, false, target is NameExpression);
                    }
                }

                break;
            case AugmentedAssignStatement augmented when Evaluator.RootName(augmented.Target) is { } name:
                yield return (name, augmented.Target.Span, false, false);
                break;
            case UnificationStatement unification:
                yield return (unification.Target.Name, unification.Target.Span, true, true);
                break;
        }
    }
}
