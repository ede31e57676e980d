using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>Why a stack could not be previewed or changed.</summary>
public enum StackRunErrorKind
{
    /// <summary>The stack did not compile: <see cref="StackRunError.Compilation"/> holds the diagnostics, with file and line.</summary>
    CompileFailed,

    /// <summary>The stack's state could not be read (corrupt, unreadable, unreachable).</summary>
    StateUnreadable,

    /// <summary>Another run holds the stack's state lock; if that run is over, breaking the lock lets the next one go.</summary>
    Locked,

    /// <summary>The state changed between the preview and the lock: someone else applied meanwhile. Nothing was changed.</summary>
    StateChanged,
}

/// <summary>A stack that could not be previewed or changed, and why; <see cref="Message"/> names no command-line option.</summary>
public sealed record StackRunError(Stack Stack, StackRunErrorKind Kind, string Message, StackCompilation? Compilation = null);
