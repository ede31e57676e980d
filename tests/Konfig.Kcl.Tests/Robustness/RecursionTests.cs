using FluentAssertions;
using static Konfig.Kcl.Tests.Robustness.ProgramRun;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// Runaway recursion ends with KCL's own error (E3M38 "maximum recursion depth exceeded"), whatever it
/// recurses through; recursion that ends runs. Cycles between lazily evaluated names end the way the
/// reference ends them: a name read while it is being computed is Undefined.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class RecursionTests
{
    [Theory]
    [InlineData("f = lambda n { f(n + 1) }\na = f(0)\n")]
    [InlineData("f = lambda n { g(n + 1) }\ng = lambda n { f(n + 1) }\na = f(0)\n")]
    [InlineData("f = lambda n { [f(n + 1) for _ in [1]] }\na = f(0)\n")]
    [InlineData("f = lambda n { \"${f(n + 1)}\" }\na = f(0)\n")]
    [InlineData("f = lambda n { {a = f(n + 1)} }\na = f(0)\n")]
    [InlineData("schema A:\n    a: A = A {}\nx = A {}\n")]
    [InlineData("schema A:\n    b = B {}\nschema B:\n    a = A {}\nx = A {}\n")]
    [InlineData("schema A:\n    f = lambda { A {} }\n    x = f()\ny = A {}\n")]
    [InlineData("schema A[n: int]:\n    x = A(n + 1) {}\ny = A(0) {}\n")]
    [InlineData("schema A:\n    x: int = 1\n    check:\n        A {}.x == 1\ny = A {}\n")]
    [InlineData("type A = B\ntype B = A\nx: A = 1\n")]
    public void Runaway_recursion_is_kcls_recursion_error(string source)
    {
        var error = Error(source);
        error.Code.Should().Be("E3M38");
        error.Kind.Should().Be("EvaluationError");
        error.Message.Should().Be("maximum recursion depth exceeded");
    }

    [Fact]
    public void Recursion_that_ends_runs()
    {
        Output("f = lambda n { 0 if n == 0 else 1 + f(n - 1) }\na = f(900)\n").Should().Be("a: 900\n");
    }

    [Fact]
    public void Names_that_read_each_other_are_undefined_while_computed_as_in_the_reference()
    {
        Output("a = b\nb = c\nc = a\nd = 1\n").Should().Be("d: 1\n");
        Error("a = b + 1\nb = a + 1\n").Message.Should().Be("unsupported operand type(s) for +: 'UndefinedType' and 'int'");
    }

    [Fact]
    public void Schema_attributes_that_read_each_other_end()
    {
        Output("schema A:\n    a = b\n    b = a\nx = A {}\n").Should().Be("x: {}\n");
    }

    [Fact]
    public void A_mixin_that_is_its_own_protocol_is_an_error_not_a_stack_overflow()
    {
        var source = "protocol P:\n    s: str\n\nmixin P for P:\n    a = 1\n\nschema S:\n    mixin [PMixin]\n    s: str\n\nx = S {s = \"a\"}\n";
        Error(source).Code.Should().NotBe("E9999");
    }
}
