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
    public static void CheckFatal(KclPackage package, List<Diagnostic> diagnostics)
    {
        CheckImmutableGlobals(package, diagnostics);
        CheckSchemas(package, diagnostics);
    }

    /// <summary>Index signature key names that clash with attributes; required attributes a child makes optional.</summary>
    private static void CheckSchemas(KclPackage package, List<Diagnostic> diagnostics)
    {
        var schemas = new Dictionary<string, SchemaStatement>(StringComparer.Ordinal);
        foreach (var schema in package.Modules.SelectMany(m => m.Body).OfType<SchemaStatement>())
        {
            schemas.TryAdd(schema.Name.Name, schema);
        }

        foreach (var schema in schemas.Values)
        {
            var own = schema.Body.OfType<SchemaAttribute>().ToList();
            if (schema.IndexSignature is { KeyName: { } keyName } signature && own.Any(a => a.Name.Name == keyName.Name))
            {
                diagnostics.Add(Diagnostic.Error(EvaluationDiagnostics.E1001, "IndexSignatureError", DiagnosticLocation.At(signature.Span),
                    $"index signature attribute name '{keyName.Name}' cannot have the same name as schema attributes"));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { schema.Name.Name };
            for (var parent = ParentOf(schema, schemas); parent is not null && seen.Add(parent.Name.Name); parent = ParentOf(parent, schemas))
            {
                foreach (var attribute in own.Where(a => a.IsOptional))
                {
                    if (parent.Body.OfType<SchemaAttribute>().Any(p => p.Name.Name == attribute.Name.Name && !p.IsOptional))
                    {
                        diagnostics.Add(EvaluationDiagnostics.Type(attribute.Span, $"can't change the required schema attribute of '{attribute.Name.Name}' to optional"));
                    }
                }
            }
        }
    }

    private static SchemaStatement? ParentOf(SchemaStatement schema, Dictionary<string, SchemaStatement> schemas) =>
        schema.Parent is NameExpression name && schemas.TryGetValue(name.Name, out var parent) ? parent : null;

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
