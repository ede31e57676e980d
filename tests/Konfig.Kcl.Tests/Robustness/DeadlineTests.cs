using System.Diagnostics;
using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Tests.Compilation;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>A run past its deadline stops with a KCL error soon after it, whatever it was doing.</summary>
[Collection(RobustnessCollection.Name)]
public sealed class DeadlineTests
{
    [Theory]
    [InlineData("a = [i * j for i in range(4000) for j in range(4000)]\n")]
    [InlineData("f = lambda n { 0 if n == 0 else f(n - 1) + f(n - 1) }\na = f(40)\n")]
    public void A_long_evaluation_stops_at_the_deadline(string source)
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", source);
        var clock = Stopwatch.StartNew();

        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, Timeout = TimeSpan.FromSeconds(1) });

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be("evaluation did not finish within 1 s and was stopped");
    }
}
