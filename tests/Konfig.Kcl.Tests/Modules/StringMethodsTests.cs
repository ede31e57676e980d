using FluentAssertions;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Modules;

public class StringMethodsTests : ModuleTestBase
{
    [Fact]
    public void Methods_match_goldens()
    {
        Y(Method("find", "Hello World", S("o"), I(5))).Should().Be("7");
        Y(Method("rfind", "Hello World, Hello World", S("He"), I(0), I(10))).Should().Be("0");
        Y(Method("rfind", "Hello World, Hello World", S(""))).Should().Be("24");
        Y(Method("startswith", "Hello World", S("World"), I(6))).Should().Be("true");
        Y(Method("startswith", "Hello World", S("Hello"), I(1))).Should().Be("false");
        Y(Method("strip", "!!!Hello!!World!!!", S("!!!"))).Should().Be("Hello!!World");
        Y(Method("rstrip", "Hello World!!!!", S("!"))).Should().Be("Hello World");
        Y(Method("isalpha", "HelloWorld你好")).Should().Be("true");
        Y(Method("isspace", "       ")).Should().Be("true");
        Y(Method("istitle", "Hello world")).Should().Be("false");
        Y(Method("chars", "你好， 世界！")).Should().Be("- 你\n- 好\n- ，\n- ' '\n- 世\n- 界\n- ！");
        Y(Method("splitlines", "Hel\n\nlo W\ror\nld")).Should().Be("- Hel\n- ''\n- lo W\n- or\n- ld");
        Y(Method("splitlines", "Hel\n\nlo W\ror\nld", B(true))).Should().Be("- |\n  Hel\n- |2+\n\n- \"lo W\\r\"\n- |\n  or\n- ld");
        Y(Method("split", "a  b c", None, I(1))).Should().Be("- a\n- b c");
        Y(Method("rsplit", "a,b,c", S(","), I(1))).Should().Be("- a,b\n- c");
        Y(Method("join", ".", L(S("hello"), S("world")))).Should().Be("hello.world");
        Y(Method("format", "{:.1f} {:.0f}", F(1.0), F(2.0))).Should().Be("1.0 2");
        Y(Method("title", "hello wORLD")).Should().Be("Hello World");
        Y(Method("capitalize", "hELLO")).Should().Be("Hello");
        Y(Method("count", "aaaa", S("aa"))).Should().Be("2");
        FluentActions.Invoking(() => Method("index", "Hello World", S("Wrold"))).Should().Throw<Konfig.Kcl.Values.KclRuntimeException>()
            .WithMessage("substring not found");
    }
}
