using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// Cheap checks KCL does before evaluating: reassigned immutable globals and bad parameter lists.
/// </summary>
internal static class StaticChecker
{
    public static void Check(KclPackage package, List<Diagnostic> diagnostics)
    {
        CheckImmutableGlobals(package, diagnostics);
    }

    private static void CheckImmutableGlobals(KclPackage package, List<Diagnostic> diagnostics)
    {
        var firstAssignment = new Dictionary<string, (TextSpanHolder Span, bool IsUnification)>(StringComparer.Ordinal);
        foreach (var module in package.Modules)
        {
            foreach (var statement in module.Body)
            {
                foreach (var (name, span, isUnification) in Assignments(statement))
                {
                    if (name.StartsWith('_'))
                    {
                        continue;
                    }

                    if (!firstAssignment.TryGetValue(name, out var first))
                    {
                        firstAssignment[name] = (new TextSpanHolder(span), isUnification);
                        continue;
                    }

                    if (isUnification && first.IsUnification)
                    {
                        continue;
                    }

                    diagnostics.Add(EvaluationDiagnostics.Immutable(span, first.Span.Span, name));
                }
            }
        }
    }

    private static IEnumerable<(string Name, Text.TextSpan Span, bool IsUnification)> Assignments(Statement statement)
    {
        switch (statement)
        {
            case AssignStatement assign:
                foreach (var target in assign.Targets)
                {
                    if (target is NameExpression name)
                    {
                        yield return (name.Name, name.Span, false);
                    }
                }

                break;
            case AugmentedAssignStatement augmented when augmented.Target is NameExpression name:
                yield return (name.Name, name.Span, false);
                break;
            case UnificationStatement unification:
                yield return (unification.Target.Name, unification.Target.Span, true);
                break;
        }
    }

    private sealed record TextSpanHolder(Text.TextSpan Span);
}
