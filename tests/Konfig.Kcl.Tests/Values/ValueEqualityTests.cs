using FluentAssertions;
using Konfig.Kcl.Values;
using Xunit;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Values;

public class ValueEqualityTests
{
    [Fact]
    public void Equality()
    {
        ValueEquality.AreEqual(I(1), F(1.0)).Should().BeTrue();
        ValueEquality.AreEqual(S("a"), S("a")).Should().BeTrue();
        ValueEquality.AreEqual(L(I(1), L(I(2))), L(I(1), L(F(2)))).Should().BeTrue();
        ValueEquality.AreEqual(D(("a", I(1)), ("b", I(2))), D(("b", I(2)), ("a", I(1)))).Should().BeTrue();
        ValueEquality.AreEqual(I(1), B(true)).Should().BeFalse();
        ValueEquality.AreEqual(None, None).Should().BeTrue();
        ValueEquality.AreEqual(D(("a", I(1))), new SchemaValue("A", "__main__", null)).Should().BeFalse();
    }

    [Fact]
    public void Ordering()
    {
        ValueEquality.LessThan(I(1), F(1.5)).Should().BeTrue();
        ValueEquality.LessThan(S("a"), S("b")).Should().BeTrue();
        ValueEquality.LessThan(L(I(1), I(2)), L(I(1), I(3))).Should().BeTrue();
        ValueEquality.LessThanOrEqual(L(I(1)), L(I(1))).Should().BeTrue();
        ValueEquality.GreaterThan(B(true), I(0)).Should().BeTrue();
        FluentActions.Invoking(() => ValueEquality.LessThan(None, I(1))).Should().Throw<KclRuntimeException>()
            .WithMessage("'<' not supported between instances of 'NoneType' and 'int'");
    }
}
