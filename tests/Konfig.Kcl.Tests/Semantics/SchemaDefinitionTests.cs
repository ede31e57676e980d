using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class SchemaDefinitionTests
{
    [Fact]
    public void InheritingFromANonSchemaIsIllegal() =>
        First("a: int = 2\n\nschema Son(a):\n    field: str\n", "E2D34", "IllegalInheritError", 3, 12, "invalid schema inherit object type, expect schema, got 'int'");

    [Fact]
    public void InheritingFromAMixinIsIllegal() =>
        First("schema FullnameMixin:\n    fullName?: str\n\nschema Scholar(FullnameMixin):\n    school: str\n",
            "E2D34", "IllegalInheritError", 4, 16, "invalid schema inherit object type, expect schema, got 'FullnameMixin'");

    [Fact]
    public void MixinsMustBeNamedAndDeclaredAsMixins()
    {
        var diagnostics = CheckerHarness.Check("schema Fullname:\n    a?: str\n\nschema S:\n    mixin [Fullname]\n    b?: str\n");
        diagnostics.Select(Describe).Should().StartWith(
        [
            "E1001 NameError 5:12 a valid mixin name should end with 'Mixin', got 'Fullname'",
            "E2D34 IllegalInheritError 5:12 illegal schema mixin object type, expected mixin, got 'Fullname'",
        ]);
    }

    [Fact]
    public void ChangingAnInheritedFieldTypeIsReported() =>
        First("schema Person:\n    firstName: str\n\nschema Scholar(Person):\n    firstName: int\n",
            "E2G22", "TypeError", 5, 5, "can't change schema field type of 'firstName' from int to int");

    [Fact]
    public void NarrowingAnInheritedFieldTypeIsFine() =>
        NoErrors("schema Base:\n    port: int | str\n\nschema Derived(Base):\n    port: int\n");

    [Fact]
    public void MakingARequiredAttributeOptionalIsReported() =>
        First("schema Base:\n    name: str\n\nschema Person(Base):\n    name?: str\n",
            "E2G22", "TypeError", 5, 5, "can't change the required schema attribute of 'name' to optional");

    [Fact]
    public void IndexSignatureRules()
    {
        First("schema Data:\n    name: str\n    [name: str]: str\n", "E1001", "IndexSignatureError", 3, 5,
            "index signature attribute name 'name' cannot have the same name as schema attributes");
        First("schema Data:\n    count: int\n    [str]: str\n", "E1001", "IndexSignatureError", 2, 5,
            "the type 'int' of schema attribute 'count' does not meet the index signature definition [str]: str");
        NoErrors("schema Data:\n    count: int\n    [...str]: str\n");
    }

    [Fact]
    public void CircularInheritanceIsReportedOnEverySchemaOfTheCycle()
    {
        var diagnostics = CheckerHarness.Check("schema Parent(Son):\n    a?: str\n\nschema Son(Parent):\n    b?: str\n");
        diagnostics.Select(Describe).Should().StartWith(
        [
            "E2L23 CompileError 1:8 There is a circular reference between schemas Parent, Son",
            "E2L23 CompileError 4:8 There is a circular reference between schemas Parent, Son",
        ]);
    }

    [Fact]
    public void ProtocolsMixinsAndRulesCheckClean() => NoErrors("""
        protocol DataProtocol:
            data: str

        mixin DataMixin for DataProtocol:
            x: str = data

        schema Data:
            mixin [DataMixin]
            data: str = "a"

        rule R:
            True

        d = Data {x = "b"}
        """);
}
