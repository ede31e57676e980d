using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class CallCheckTests
{
    [Fact]
    public void SchemaArgumentsAreCounted()
    {
        First("schema S:\n    msg?: str\n\ns = S('x')\n", "E2L23", "CompileError", 4, 7, "\"S\" takes 0 positional argument but 1 were given");
        First("schema S[m: str]:\n    msg?: str\n\ns = S('a', 'b')\n", "E2L23", "CompileError", 4, 12, "\"S\" takes 1 positional argument but 2 were given");
        First("schema A[a1 = 100, a2, a3]:\n    a?: int\n\na = A()\n", "E2L23", "CompileError", 4, 5, "expected 2 positional arguments, found 0");
        First("schema T[id: str]:\n    name?: str\n\nt = T {}\n", "E2L23", "CompileError", 4, 5, "expected 1 positional argument, found 0");
    }

    [Fact]
    public void UnexpectedKeywordGetsASuggestion()
    {
        var diagnostics = CheckerHarness.Check("schema Person[_name]:\n    name: str = _name\n\nperson = Person(_naem=\"Alice\") {}\n");
        diagnostics.Select(Describe).Should().Equal(
            "E2L23 CompileError 4:17 \"Person\" got an unexpected keyword argument '_naem', did you mean '_name'?",
            "E2L23 CompileError 4:10 expected 1 positional argument, found 0");
    }

    [Fact]
    public void ArgumentTypesAreChecked()
    {
        First("schema C[age_: int, name_: \"KCL\" | \"CUE\"]:\n    a?: any\n\nx = C(1, \"Golang\") {}\n", "E2G22", "TypeError", 4, 10,
            "expected str(KCL) | str(CUE), got str(Golang)");
        var error = First("f = lambda a: int, b: str {\n    a\n}\n\nx = f(\"1\", \"s\")\n", "E2G22", "TypeError", 5, 7, "expected int, got str(1)");
        Label(error, 1).Should().Be("1:12 variable is defined here, its type is int, but got str(1)");
    }

    [Fact]
    public void LambdaTypesAreKnownBeforeTheirDefinition() =>
        First("_xs = {\"u\" = [\"a\"]}\nitems = {k: f(k, v) for k, v in _xs}\nf = lambda a: str, b: str -> str {\n    a + b\n}\n",
            "E2G22", "TypeError", 2, 18, "expected str, got [str]");

    [Fact]
    public void StringMethodsNeedTheirArguments() =>
        First("a = \"\".startswith()\n", "E2L23", "CompileError", 1, 5, "expected 1 positional argument, found 0");

    [Fact]
    public void FunctionTypedValuesCheckClean()
    {
        NoErrors("f: (int, int) -> int = lambda x, y {\n    x * y\n}\nx1 = [f(x, y) for x in [1, 2, 3] for y in [1, 2, 3]]\n");
        NoErrors("func1 = lambda x {\n    x\n}\n\nfunc2 = lambda e, func: (any) -> any {\n    func(e)\n}\n\nx = func2(1, func1)\n");
        NoErrors("x: int = lambda {\n    a = 1\n    lambda {\n        b = 2\n        lambda a {\n            a + b\n        }(a)\n    }()\n}()\n");
        NoErrors("""
            global: int = 10

            schema Data:
                var: int = 1
                _func = lambda x: int | str, y: int | str {
                    (lambda x, y {
                        int(x) + int(y) + var + global
                    })(x, y)
                }

                a = _func(1, 1)
                b = _func("123", "456")
                func: (int | str, int | str) = _func

            data = Data()
            value = data.func(1, 1)
            """);
        NoErrors("""
            schema Name:
                y: {str:str} = {}
                z: {str:str} = lambda x {
                    y: {str:str} = {}
                    y.key = x
                    y
                }("value")

            n = Name {}
            """);
    }

    [Fact]
    public void PartialPositionalArgumentsAreLeftToTheRunTime() =>
        NoErrors("schema R[a: str, b: [str]]:\n    x?: str\n\nr = R(\"a\")\n");
}
