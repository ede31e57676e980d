using FluentAssertions;
using Konfig.Kcl.Semantics;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class TypeRelationsTests
{
    [Fact]
    public void TypesPrintLikeTheReference()
    {
        KclType.Dict(KclType.StrLiteral("a"), KclType.List(KclType.Union([KclType.IntLiteral(1), KclType.FloatLiteral(2.0)]))).ToString()
            .Should().Be("{str(a):[int(1) | float(2)]}");
        KclType.None.ToString().Should().Be("NoneType");
        KclType.NumberMultiplierLiteral(1, "Ki").ToString().Should().Be("number_multiplier(1Ki)");
        KclType.FormatFloat(1e20).Should().Be("100000000000000000000");
        KclType.FormatFloat(1.5e-7).Should().Be("0.00000015");
    }

    [Fact]
    public void SubsumptionFollowsTheReference()
    {
        TypeRelations.IsAssignableTo(KclType.IntLiteral(1), KclType.Float).Should().BeTrue();
        TypeRelations.IsAssignableTo(KclType.IntLiteral(1), KclType.FloatLiteral(3.14)).Should().BeTrue();
        TypeRelations.IsAssignableTo(KclType.FloatLiteral(0), KclType.IntLiteral(0)).Should().BeFalse();
        TypeRelations.IsAssignableTo(KclType.BoolLiteral(true), KclType.Bool).Should().BeTrue();
        TypeRelations.IsAssignableTo(KclType.None, KclType.Str).Should().BeTrue();
        TypeRelations.IsAssignableTo(KclType.Str, KclType.StrLiteral("a")).Should().BeFalse();
    }

    [Fact]
    public void SupDropsSubsumedMembersAndKeepsOrder()
    {
        TypeRelations.Sup([KclType.IntLiteral(1), KclType.StrLiteral("2"), KclType.IntLiteral(1)]).ToString().Should().Be("int(1) | str(2)");
        TypeRelations.Sup([KclType.Dict(KclType.Str, KclType.Str), KclType.None]).ToString().Should().Be("{str:str}");
        TypeRelations.Sup([]).IsAny.Should().BeTrue();
    }

    [Fact]
    public void VariablesWidenLiterals() =>
        TypeRelations.ToVariableType(KclType.List(KclType.Union([KclType.StrLiteral("s"), KclType.IntLiteral(1)]))).ToString()
            .Should().Be("[str | int]");

    [Fact]
    public void SuggestionsUseJaroWinklerAboveFourFifths()
    {
        Suggestions.For("fields", ["field", "other"]).Should().Equal("field");
        Suggestions.For("fullName", ["firstName", "lastName"]).Should().BeEmpty();
        Suggestions.For("a", ["abs", "all_true"]).Should().BeEmpty();
        Suggestions.For("in", ["int"]).Should().Equal("int");
        Suggestions.Format(["a", "b"]).Should().Be("[\"a\", \"b\"]");
    }
}
