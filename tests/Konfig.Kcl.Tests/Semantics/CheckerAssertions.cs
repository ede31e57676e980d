using FluentAssertions;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>Short assertions over the checker's diagnostics for a snippet of KCL.</summary>
internal static class CheckerAssertions
{
    /// <summary>Asserts the snippet checks clean.</summary>
    public static void NoErrors(string source) =>
        CheckerHarness.Check(source).Select(Describe).Should().BeEmpty();

    /// <summary>Asserts the first diagnostic has this code, kind, position and message.</summary>
    public static Diagnostic First(string source, string code, string kind, int line, int column, string message)
    {
        var diagnostics = CheckerHarness.Check(source);
        diagnostics.Should().NotBeEmpty();
        var first = diagnostics[0];
        Describe(first).Should().Be($"{code} {kind} {line}:{column} {message}");
        return first;
    }

    /// <summary>Asserts some diagnostic has this message.</summary>
    public static Diagnostic Has(string source, string message)
    {
        var diagnostics = CheckerHarness.Check(source);
        diagnostics.Select(d => d.Message).Should().Contain(message);
        return diagnostics.First(d => d.Message == message);
    }

    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Code} {diagnostic.Kind} {diagnostic.Location?.Line}:{diagnostic.Location?.Column} {diagnostic.Message}";

    public static string Label(Diagnostic diagnostic, int index) =>
        $"{diagnostic.Labels[index].Location?.Line}:{diagnostic.Labels[index].Location?.Column} {diagnostic.Labels[index].Message}";
}
