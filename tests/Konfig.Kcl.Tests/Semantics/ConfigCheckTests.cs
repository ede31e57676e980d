using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class ConfigCheckTests
{
    private const string Person = "schema Person:\n    firstName: str\n    lastName: int\n\n";

    [Fact]
    public void AttributeValueMustMatchItsType()
    {
        var error = First(Person + "p = Person {\n    \"firstName\": \"John\",\n    \"lastName\": \"Doe\"\n}\n",
            "E2G22", "TypeError", 7, 5, "expected int, got str(Doe)");
        Label(error, 1).Should().Be("3:5 variable is defined here, its type is int, but got str(Doe)");
    }

    [Fact]
    public void UnknownAttributeCannotBeAdded() =>
        First(Person + "p = Person {\n    fullName: \"John Doe\"\n}\n", "E2L23", "CompileError", 6, 5, "Cannot add member 'fullName' to schema 'Person'");

    [Fact]
    public void UnknownAttributeGetsSuggestions() =>
        First("schema Son:\n    field: str\n\nson = Son {\n    fields: \"asa\"\n}\n", "E2L23", "CompileError", 5, 5,
            "Cannot add member 'fields' to schema 'Son', did you mean '[\"field\"]'?");

    [Fact]
    public void NestedPathsCheckEachName()
    {
        First("schema Name:\n    name: str\n\nschema Person:\n    name: Name\n\np = Person {\n    name.err: \"A\"\n}\n",
            "E2L23", "CompileError", 8, 10, "Cannot add member 'err' to schema 'Name'");
        First("schema Person:\n    name: str\n\np = Person {\n    name.name: \"A\"\n}\n",
            "E2G22", "TypeError", 5, 5, "expected str, got {str(name):str(A)}");
    }

    [Fact]
    public void DictAndListAttributesAreCheckedInside()
    {
        var diagnostics = CheckerHarness.Check("schema P:\n    cards: {str:int}\n\np = P {\n    \"cards\": {\"error\": \"error\"}\n}\n");
        diagnostics.Select(Describe).Should().Equal(
            "E2G22 TypeError 5:15 expected int, got str(error)",
            "E2G22 TypeError 5:5 expected {str:int}, got {str(error):str(error)}");
        First("schema P:\n    cards: [int]\n\np = P {\n    cards: [1, \"2\"]\n}\n", "E2G22", "TypeError", 5, 5, "expected [int], got [int(1) | str(2)]");
    }

    [Fact]
    public void IndexSignatureValuesAreChecked() =>
        First("schema Data:\n    [str]: int\n\ndata = Data {\n    name: \"test\"\n}\n", "E2G22", "TypeError", 5, 5, "expected int, got str(test)");

    [Fact]
    public void NonStringKeysAreIllegalAttributes() =>
        First("schema P:\n    labels: {str:str}\n\np = P {\n    labels: {None: None}\n}\n", "E2A31", "IllegalAttributeError", 5, 14, "A attribute must be string type, got 'NoneType'");

    [Fact]
    public void UnpackedDictsAreCheckedKeyByKey()
    {
        var error = First("inner = {\n    nam = \"\"\n}\n\nschema Config:\n    name: str\n\nc = Config {\n    **inner\n}\n",
            "E2L23", "CompileError", 9, 7, "Cannot add member 'nam' to schema 'Config', did you mean '[\"name\"]'?");
        Label(error, 1).Should().Be("2:5 config attribute is defined here");
    }

    [Fact]
    public void UnionOfSchemasNeedsTheAttributeSomewhere() =>
        First("schema A:\n    a: int\n\nschema B:\n    b: int\n\nschema X:\n    x: A | B\n\nx = X {\n    x.c = 1\n}\n",
            "E2L23", "CompileError", 11, 7, "Cannot add member 'c' to 'schemas [\"A\", \"B\"]'");

    [Fact]
    public void ReassignedPrivateSchemaValueKeepsItsSchema() =>
        First("schema Person:\n    name: str = \"A\"\n\n_p = Person {}\n_p = _p | {\"key\": \"value\"}\n", "E2L23", "CompileError", 5, 12, "Cannot add member 'key' to schema 'Person'");

    [Fact]
    public void MixinsSettingsAndUnionAttributesCheckClean() => NoErrors("""
        schema Person:
            mixin [InfoMixin]
            name?: str
            age?: int
            info: Info

            __settings__: {str:str} = {
                "output_type": "IGNORE"
            }

        schema Info:
            gender?: str
            meta?: {str:}

        schema InfoMixin:
            info |= {
                "meta": {
                    "name": name if name else "feak",
                    "age": age if age else -1
                }
            }

        persons = [Person {
            "name": "alice",
            "age": 10,
            "info": {"gender": "girl"}
        }, Person {
            "name": "john",
            "info": {"gender": "boy"}
        }]
        """);

    [Fact]
    public void ValidConfigsCheckClean() => NoErrors("""
        schema Container:
            name: str
            image: str
            ports?: [int]
            labels?: {str:str}

        schema App:
            containers: [Container]
            main: Container
            [...str]: any

        app = App {
            containers = [{name = "a", image = "b", ports = [80]}]
            main.name = "m"
            main.image = "i"
            main.labels.app = "x"
            extra = 1
            if True:
                containers += [{name = "c", image = "d"}]
        }
        """);
}
