using System.Runtime.CompilerServices;

namespace Konfig.Kcl.Values;

/// <summary>
/// Called first by every recursive walk over values (printing, equality, copying, merging, emitting).
/// Values can nest far deeper than any one expression (each statement may wrap the one before), so a
/// walk can outgrow even the runner's large stack: it then throws
/// <see cref="InsufficientExecutionStackException"/>, which the evaluator and the runner report as
/// KCL's "maximum recursion depth exceeded" instead of the process dying of a stack overflow.
/// </summary>
internal static class StackGuard
{
    public static void Ensure() => RuntimeHelpers.EnsureSufficientExecutionStack();
}
