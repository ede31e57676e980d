using FluentAssertions;
using static Konfig.Kcl.Tests.Semantics.CheckerAssertions;

namespace Konfig.Kcl.Tests.Semantics;

public sealed class ImmutabilityTests
{
    [Fact]
    public void ReassigningAnExportedNameIsAnError()
    {
        var error = First("a = 1\na = 2\n", "E1001", "ImmutableError", 2, 1, "Can not change the value of 'a', because it was declared immutable");
        Label(error, 1).Should().Be("1:1 The variable 'a' is declared here");
        error.Labels[2].Message.Should().Be("note: change the variable name to '_a' to make it mutable");
    }

    [Fact]
    public void ChainedTargetsAreCheckedOneByOne() =>
        First("a = 1\nb = a = 2\n", "E1001", "ImmutableError", 2, 5, "Can not change the value of 'a', because it was declared immutable");

    [Fact]
    public void ModifyingAnAttributeOfAnImportOrExportedValueIsAnError() =>
        First("alice = {name = \"a\"}\nalice.age = 18\n", "E1001", "ImmutableError", 2, 1, "Can not change the value of 'alice', because it was declared immutable");

    [Fact]
    public void AugmentedAssignmentHasItsOwnWording()
    {
        var error = First("a = 5\na |= 20\n", "E1001", "ImmutableError", 2, 1, "Immutable variable 'a' is modified during compiling");
        Label(error, 1).Should().Be("1:1 The variable 'a' is declared here firstly");
    }

    [Fact]
    public void PrivateNamesBranchesAndUnificationsMayRepeat() => NoErrors("""
        schema A:
            x?: int
        _a = 1
        _a = 2
        _a += 1
        if True:
            b = 1
        else:
            b = 2
        c: A {x = 1}
        c: A {}
        """);
}
