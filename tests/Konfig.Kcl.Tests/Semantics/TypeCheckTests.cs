using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class TypeCheckTests
{
    [Fact]
    public void AnnotatedAssignmentIsChecked() =>
        First("_name: int = \"Green\"\n", "E2G22", "TypeError", 1, 1, "expected int, got str(Green)");

    [Fact]
    public void PrivateVariablesKeepTheTypeOfTheirFirstValue() =>
        First("_name = [\"s\", 1]\n_name = [1.1]\n", "E2G22", "TypeError", 2, 1, "expected [str | int], got [float(1.1)]");

    [Fact]
    public void ReannotatingWithAnIncompatibleTypeIsReported()
    {
        var diagnostics = CheckerHarness.Check("_a: {str:str} = {\"key\": \"value\"}\n_a: {str:int} = {\"key2\": 1}\n");
        diagnostics.Select(Describe).Should().Equal(
            "E2G22 TypeError 2:1 can not change the type of '_a' to {str:str}",
            "E2G22 TypeError 1:1 can not change the type of '_a' to {str:int}",
            "E2G22 TypeError 1:18 expected int, got str(value)",
            "E2G22 TypeError 1:1 can not change the type of '_a' to {str:str}",
            "E2G22 TypeError 1:1 expected {str:int}, got {str(key):str(value)}");
        Label(diagnostics[0], 1).Should().Be("1:1 expected {str:str}");
        Label(diagnostics[3], 1).Should().Be("2:1 expected {str:int}");
    }

    [Fact]
    public void TypeAliasesAreResolved() =>
        First("type Int = int\n\n_name: Int = \"Green\"\n", "E2G22", "TypeError", 3, 1, "expected int, got str(Green)");

    [Fact]
    public void LiteralTypes()
    {
        First("name: \"a\" | \"b\" = \"c\"\n", "E2G22", "TypeError", 1, 1, "expected str(a) | str(b), got str(c)");
        First("schema C:\n    n: 123K | 456\n\nx = C {\n    n = 123\n}\n", "E2G22", "TypeError", 5, 5,
            "expected number_multiplier(123K) | int(456), got int(123)");
        NoErrors("schema C:\n    x: 0.0 | 3.14\n\nx = C {\n    x: 0\n}\n");
    }

    [Fact]
    public void SchemaBodyAssignmentsAreChecked() =>
        First("schema P:\n    name: str\n    _n: int = 1\n    name = _n\n", "E2G22", "TypeError", 4, 5, "expected str, got int");

    [Fact]
    public void OperatorsOnIncompatibleTypes()
    {
        First("a: int = 1 + True\n", "E2G22", "TypeError", 1, 10, "unsupported operand type(s) for +: 'int(1)' and 'bool(True)'");
        First("b = None + 1\n", "E2G22", "TypeError", 1, 5, "unsupported operand type(s) for +: 'NoneType' and 'int(1)'");
        First("a = [0] < [1]\n", "E2G22", "TypeError", 1, 5, "unsupported operand type(s) for <: '[int(0)]' and '[int(1)]'");
        First("_d = [1, 2]\n_d |= \"v\"\n", "E2G22", "TypeError", 2, 1, "unsupported operand type(s) for |: '[int]' and 'str(v)'");
    }

    [Fact]
    public void ImpossibleConversionIsReported() =>
        First("a = 1 as str\n", "E2G22", "TypeError", 1, 5,
            "Conversion of type 'int(1)' to type 'str' may be a mistake because neither type sufficiently overlaps with the other");

    [Fact]
    public void BuiltinConversionsHaveTheirType() =>
        First("schema S:\n    port: int | str\n\ns = S {\n    port: float(80)\n}\n", "E2G22", "TypeError", 5, 5, "expected int | str, got float");

    [Fact]
    public void AttributeLookupOnSchemas()
    {
        First("schema P:\n    name: str = \"a\"\n\nc = P.err_instances()\n", "E2G22", "TypeError", 4, 5,
            "attribute 'err_instances' not found in 'P', did you mean '[\"instances\"]'?");
        NoErrors("schema P:\n    name: str = \"a\"\n\nps = P.instances()\np = P {}\nn = p.name\n");
    }

    [Fact]
    public void ValidProgramsCheckClean() => NoErrors("""
        _a = 1
        _a += 2
        _s = "x"
        _s += "y"
        _l = []
        _l += [1]
        _n = None
        _n = 1
        x = 1 if _a > 0 else "s"
        y: int | str = x
        z = 3 * "ab"
        w = [1] * 2
        v = 1 / 2 + 2 ** 3 // 1 % 2
        u = {"a": 1} | {"b": 2}
        t = "a" < "b" and 1 < 2.0
        """);
}
