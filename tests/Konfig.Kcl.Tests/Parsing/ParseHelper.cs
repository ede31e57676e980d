using FluentAssertions;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Parsing;

internal static class ParseHelper
{
    public static ParseResult ParseWithDiagnostics(string source) => KclParser.Parse(new SourceFile("test.k", source));

    /// <summary>Parses and asserts there are no diagnostics.</summary>
    public static ModuleSyntax Parse(string source)
    {
        var result = ParseWithDiagnostics(source);
        result.Diagnostics.Select(d => $"{d.Location?.Line}:{d.Location?.Column} {d.Message}").Should().BeEmpty();
        return result.Module;
    }

    public static Statement Statement(string source) => Parse(source).Body.Should().ContainSingle().Subject;

    /// <summary>The value of <c>x = …</c>.</summary>
    public static Expression Value(string expression) =>
        Statement("x = " + expression + "\n").Should().BeOfType<AssignStatement>().Subject.Value;
}
