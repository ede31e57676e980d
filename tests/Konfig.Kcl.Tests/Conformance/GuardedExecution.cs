using System.Runtime.ExceptionServices;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>How a guarded call ended: a value, an exception out of it, or no end before the watchdog fired.</summary>
internal sealed record GuardedOutcome<T>(T? Value, Exception? Exception, bool Hung, TimeSpan Elapsed);

/// <summary>
/// Runs a call on a dedicated thread with a large stack (deeply nested KCL recurses deeply) and a hard
/// wall-clock watchdog. A thread that never ends cannot be stopped in .NET; it is left behind as a
/// background thread so the test process can still exit.
/// </summary>
internal static class GuardedExecution
{
    public const int StackSize = 512 * 1024 * 1024;

    public static GuardedOutcome<T> Run<T>(Func<T> call, TimeSpan watchdog)
    {
        T? value = default;
        ExceptionDispatchInfo? failure = null;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                // Any exception out of the call is a result to report ("crash"), not a harness failure.
                try
                {
                    value = call();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = "kcl-case",
        };
        thread.Start();

        if (!thread.Join(watchdog))
        {
            return new GuardedOutcome<T>(default, null, Hung: true, stopwatch.Elapsed);
        }

        return new GuardedOutcome<T>(value, failure?.SourceException, Hung: false, stopwatch.Elapsed);
    }
}
