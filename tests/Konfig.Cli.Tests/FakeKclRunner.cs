using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests;

/// <summary>Stands in for the compiler: remembers the options it was given and returns a fixed result.</summary>
internal sealed class FakeKclRunner(KclRunResult result)
{
    public List<KclRunOptions> Calls { get; } = [];

    public KclRunResult Run(KclRunOptions options)
    {
        Calls.Add(options);
        return result;
    }
}
