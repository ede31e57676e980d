using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Evaluation;

namespace Konfig.Kcl.Semantics;

/// <summary>
/// The checks KCL makes before evaluating: names, imports, schema definitions, types of literals,
/// configs and calls. Conservative by design: whatever it cannot type is <c>any</c> and passes, so a
/// valid program never gets an error from here.
/// </summary>
public static class KclChecker
{
    public static ImmutableArray<Diagnostic> Check(KclPackage main, IPackageResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(resolver);
        var program = new ProgramChecker(main, resolver);
        try
        {
            program.CheckMain();
        }
        catch (InsufficientExecutionStackException)
        {
            // A program nested too deeply for the stack: no bug; the evaluator reports it as KCL does.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug in the checker must not stop a program that would run, nor hide its real errors:
            // keep what was found before it, and say so. The tests call the checker without this guard.
            return program.Diagnostics.Add(SemanticDiagnostics.CheckerFailed(exception));
        }

        return program.Diagnostics;
    }
}
