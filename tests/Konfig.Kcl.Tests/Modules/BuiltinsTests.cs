using FluentAssertions;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Modules;

public class BuiltinsTests : ModuleTestBase
{
    [Fact]
    public void Numbers()
    {
        Y(Builtin("abs", I(-40))).Should().Be("40");
        Y(Builtin("abs", F(100.10))).Should().Be("100.1");
        Y(Builtin("bin", I(10))).Should().Be("'0b1010'");
        Y(Builtin("hex", I(-42))).Should().Be("'-0x2a'");
        Y(Builtin("oct", I(15))).Should().Be("'0o17'");
        Y(Builtin("ord", S("€"))).Should().Be("8364");
        Y(Builtin("pow", I(100), I(2))).Should().Be("10000");
        Y(Builtin("round", F(70.23456))).Should().Be("70");
        Y(Builtin("round", F(80.264), I(2))).Should().Be("80.26");
        Y(Builtin("round", F(-100.000056), I(3))).Should().Be("-100.0");
        Y(Builtin("max", I(80), I(100), I(1000))).Should().Be("1000");
        Y(Builtin("min", I(-80), I(-20), I(-10))).Should().Be("-80");
        Y(Builtin("multiplyof", I(100), I(10))).Should().Be("true");
        Y(Builtin("sum", L(I(1), I(2), F(0.5)))).Should().Be("3.5");
    }

    [Fact]
    public void Conversions()
    {
        Y(Builtin("float", S("112"))).Should().Be("112.0");
        Y(Builtin("int", S("10"))).Should().Be("10");
        Y(Builtin("int", S("8Gi"))).Should().Be("8589934592");
        Y(BuiltinKw("int", [S("0xe4")], ("base", I(16)))).Should().Be("228");
        Y(BuiltinKw("int", [S("-0x10")], ("base", I(16)))).Should().Be("-16");
        Y(BuiltinKw("int", [S("0o755")], ("base", I(8)))).Should().Be("493");
        Y(Builtin("bool", D())).Should().Be("false");
        Y(Builtin("str", F(1.234))).Should().Be("'1.234'");
        Y(Builtin("str", B(true))).Should().Be("'True'");
        Y(Builtin("typeof", None)).Should().Be("None");
        FluentActions.Invoking(() => Builtin("float", S("abc"))).Should().Throw<KclRuntimeException>()
            .WithMessage("invalid literal for float() with base 10: 'abc'");
    }

    [Fact]
    public void Collections()
    {
        Y(Builtin("range", I(5))).Should().Be("- 0\n- 1\n- 2\n- 3\n- 4");
        Y(Builtin("range", I(0), I(1), I(2))).Should().Be("- 0");
        Y(BuiltinKw("sorted", [L(I(5), I(0), I(6), I(1))], ("reverse", B(true)))).Should().Be("- 6\n- 5\n- 1\n- 0");
        Y(Builtin("zip", L(I(0), I(1)), L(I(3), I(4), I(5)))).Should().Be("- - 0\n  - 3\n- - 1\n  - 4");
        Y(Builtin("isunique", L(I(100), I(10), I(100)))).Should().Be("false");
        Y(Builtin("isnullish", UndefinedValue.Instance)).Should().Be("true");
        Y(Builtin("any_true", L(I(0), S(""), B(false)))).Should().Be("false");
        Y(Builtin("len", D(("a", I(1)), ("b", I(2))))).Should().Be("2");
        Y(Builtin("len", S("你好"))).Should().Be("6");
        Y(Builtin("dict", L(L(S("a"), I(1))))).Should().Be("a: 1");
    }

    [Fact]
    public void Print_and_option()
    {
        Builtin("print", S("Hello"), I(1), L(S("a")));
        BuiltinKw("print", [S("x")], ("end", S("")));
        Context.Printed.Should().Be("Hello 1 [a]\nx");
        Context.OptionValues["foo"] = S("42");
        Y(BuiltinKw("option", [S("foo")], ("type", S("int")))).Should().Be("42");
        Y(Builtin("option", S("missing"))).Should().Be("null");
        Y(BuiltinKw("option", [S("missing")], ("default", I(3)))).Should().Be("3");
        FluentActions.Invoking(() => BuiltinKw("option", [S("key")], ("required", B(true)))).Should().Throw<KclRuntimeException>()
            .WithMessage("option('key') must be initialized, try '-D key=?' argument");
    }

    [Fact]
    public void Reduce_reports_non_callable()
    {
        FluentActions.Invoking(() => Builtin("reduce", None, L(), I(5))).Should().Throw<KclRuntimeException>()
            .WithMessage("reduce() argument 'reducer' must be a function");
    }
}
