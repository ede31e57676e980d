using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Konfig.Affected.Git;

/// <summary>
/// Points LibGit2Sharp at the system's libgit2. LibGit2Sharp asks for the library it was built with
/// (<c>libgit2-a2bde63</c>, shipped by LibGit2Sharp.NativeBinaries, which we do not use); the runtime
/// raises <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> when it cannot find that name, and we
/// answer with the newest distribution libgit2 present (Debian 12: libgit2-1.5, Ubuntu 24.04: libgit2-1.7).
/// </summary>
internal static class LibGit2NativeLibrary
{
    /// <summary>The sonames we accept, newest first.</summary>
    internal static readonly string[] Candidates =
    [
        "libgit2.so.1.9", "libgit2.so.1.8", "libgit2.so.1.7", "libgit2.so.1.6", "libgit2.so.1.5",
    ];

    internal const string InstallHint =
        "libgit2 was not found: install it with 'apt-get install libgit2-1.5' (Debian 12) or " +
        "'apt-get install libgit2-1.7' (Ubuntu 24.04), or run build/setup.sh";

    private static readonly Lock Gate = new();
    private static bool _hooked;
    private static IntPtr _handle;
    private static string? _loadedName;

    /// <summary>The soname that was loaded, once a LibGit2Sharp call has needed it.</summary>
    internal static string? LoadedName => _loadedName;

    /// <summary>
    /// Hooks the resolver once (idempotent, thread-safe) and checks that a libgit2 can be loaded.
    /// Returns an error message when none can, so callers report it as data instead of crashing on a
    /// <see cref="DllNotFoundException"/> deep inside LibGit2Sharp.
    /// </summary>
    internal static string? EnsureLoaded()
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
                _hooked = true;
            }

            return TryLoad() ? null : InstallHint;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string libraryName)
    {
        if (!libraryName.StartsWith("libgit2", StringComparison.Ordinal) && !libraryName.StartsWith("git2", StringComparison.Ordinal))
            return IntPtr.Zero;

        lock (Gate)
            return TryLoad() ? _handle : IntPtr.Zero;
    }

    // Called under Gate.
    private static bool TryLoad()
    {
        if (_handle != IntPtr.Zero)
            return true;

        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                _handle = handle;
                _loadedName = name;
                return true;
            }
        }

        return false;
    }
}
