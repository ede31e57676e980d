using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class NameResolutionTests
{
    [Fact]
    public void UndefinedNameIsACompileError() =>
        First("a = 1\nb = c + 1\n", "E2L23", "CompileError", 2, 5, "name 'c' is not defined");

    [Fact]
    public void UndefinedNameInInterpolationPointsInsideTheString() =>
        First("a = 1\nb = \"${c + 1}\"\n", "E2L23", "CompileError", 2, 8, "name 'c' is not defined");

    [Fact]
    public void SuggestionsComeFromGlobalAndBuiltinNames() =>
        First("schema Other:\n    name: str\n\nschema Base:\n    name: ErrOther\n", "E2L23", "CompileError", 5, 11,
            "name 'ErrOther' is not defined, did you mean '[\"Other\"]'?");

    [Fact]
    public void ForwardReferencesAtTopLevelAreFine() => NoErrors("a = b + 1\nb = 2\n");

    [Fact]
    public void LoopAndLambdaAndSchemaNamesAreInScope() => NoErrors("""
        xs = [x * 2 for x in [1, 2] if x > 0]
        d = {k: v for k, v in {"a": 1}}
        f = lambda y: int -> int { z = y + 1
            z }
        q = all x in xs { x > 0 }
        schema S[p: int]:
            a: int = p
            b = a + p
            [key: str]: int
            check:
                a > 0
        """);

    [Fact]
    public void DeclarationOrderDoesNotMatter() => NoErrors("""
        schema Person:
            name: str = _name
            age: int = _age
            if True:
                _name = "Alice"
            if False:
                _age = 10
            else:
                _age = 18

        schema Data:
            name: str
            version?: str

        schema Config:
            a: int = b
            b: int = 1
            if True:
                b += 2

        person = Person {name = "Overwrite"}
        data1 = Data {name = data2.name}
        data2 = Data {
            name = "1"
            version = version
        }
        x0 = Config {}
        name: str = _name
        age: int = _age
        if True:
            _name = "Alice"
        if False:
            _age = 10
        else:
            _age = 18
        version = "v0.1.0"
        """);

    [Fact]
    public void InheritedAttributesAndSchemaLevelUnionsCheckClean() => NoErrors("""
        schema KubeAction:
            __settings__: {str:str} = {"output_type": "STANDALONE"}
            apiVersion: str = "kusion/v1"
            metadata: {str:}
            spec: {str:}

        schema Action:
            name: str
            pod: str
            kubeAction: KubeAction = KubeAction {
                metadata.name: name
                spec: {pod: pod}
            }

        schema KeyValueUpdateAction(Action):
            keyValues: {str:}
            query: {str:}
            pod = "podname"
            name: str = "pod_key_value_update"
            kubeAction.spec |= {"keyValues": keyValues}

        act = KeyValueUpdateAction() {
            query.hostnames: ["foo.bar"]
            keyValues.key: "val"
        }
        """);

    [Fact]
    public void ConfigKeysAreNamesOnceDefined() => NoErrors("""
        data = {
            "name" = "release"
            metadata.name = name
            arr = [1, 2]
            arr[-1] = 3
        }
        """);

    [Fact]
    public void ImportedSystemModulesAreInScopeAndUnknownMembersAreReported()
    {
        NoErrors("import math\na = math.log(10)\n");
        First("import math as m\na = m.err_func(1)\n", "E2G22", "TypeError", 2, 5, "attribute 'err_func' not found in 'module 'math''");
    }

    [Fact]
    public void UnknownNamesInMixinsAreLeftToTheHost() => NoErrors("""
        schema FullnameMixin:
            fullName = "{} {}".format(firstName, lastName)
        """);

    [Fact]
    public void AttributeDefaultsAreLenient() => NoErrors("schema S:\n    enabled?: bool = false\n");

    [Fact]
    public void CheckBlocksReportUnknownNames() =>
        First("schema S:\n    a: int\n    check:\n        ccc > 2\n", "E2L23", "CompileError", 4, 9, "name 'ccc' is not defined");

    [Fact]
    public void UnknownDecoratorIsReportedAtItsName() =>
        First("@err_deprecated\nschema Person:\n    name: str\n", "E2L23", "CompileError", 1, 2, "UnKnown decorator err_deprecated");

    [Fact]
    public void KnownDecoratorsAreFine() => NoErrors("@deprecated\nschema P:\n    @deprecated(version=\"1\")\n    name?: str\n");

    [Fact]
    public void DuplicateSchemaIsAUniqueKeyError()
    {
        var diagnostics = CheckerHarness.Check("schema P:\n    a: int\n\nschema P:\n    b: int\n");
        diagnostics.Select(Describe).Should().StartWith(
        [
            "E2L28 UniqueKeyError 4:1 Unique key error name 'P'",
            "E2L28 UniqueKeyError 4:8 Unique key error name 'P'",
        ]);
        Label(diagnostics[1], 1).Should().Be("1:8 The variable 'P' is declared here");
    }
}
