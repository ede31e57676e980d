using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

/// <summary><c>konfig test</c>: golden comparison, the table and <c>--update</c>, with the real compiler.</summary>
public sealed class TestCommandTests : IDisposable
{
    private readonly SampleWorkspace _workspace = new();

    public TestCommandTests()
    {
        _workspace.Project("apps/web", "web");
        _workspace.Stack("apps/web/dev", "dev", namespaces: "[a, b]");
        _workspace.Stack("apps/web/prod", "prod", namespaces: "[c]");
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Update_writes_goldens_then_test_passes()
    {
        var update = CliHarness.Run(_workspace.Root, KclRunner.Run, "test", "--update");
        var test = CliHarness.Run(_workspace.Root, KclRunner.Run, "test");

        update.ExitCode.Should().Be(0);
        update.Out.Should().Be("STACK          RESULT   DETAIL\napps/web/dev   updated\napps/web/prod  updated\n2 stacks: all updated or unchanged\n");
        test.ExitCode.Should().Be(0);
        test.Out.Should().Be("STACK          RESULT  DETAIL\napps/web/dev   pass\napps/web/prod  pass\n2 stacks: all match their goldens\n");
        _workspace.Read("apps/web/prod/ci-test/stdout.golden.yaml").Should().StartWith("- id: v1:Namespace:c\n");
    }

    [Fact]
    public void A_mismatch_shows_the_first_differing_path_and_fails()
    {
        CliHarness.Run(_workspace.Root, KclRunner.Run, "test", "--update");
        _workspace.Write("apps/web/dev/ci-test/settings.yaml", "kcl_options:\n  - key: namespaces\n    value: [a, x]\n");

        var (exitCode, stdout, _) = CliHarness.Run(_workspace.Path("apps/web"), KclRunner.Run, "test");

        exitCode.Should().Be(ExitCodes.Failure);
        stdout.Should().Contain("apps/web/dev   FAIL    [1].id: expected \"v1:Namespace:b\", got \"v1:Namespace:x\"\n")
            .And.EndWith("2 stacks: 1 passed, 1 failed\n");
    }

    [Fact]
    public void From_inside_a_stack_only_that_stack_is_tested()
    {
        var (exitCode, stdout, _) = CliHarness.Run(_workspace.Path("apps/web/prod"), KclRunner.Run, "test");

        exitCode.Should().Be(ExitCodes.Failure);
        stdout.Should().Be("STACK          RESULT     DETAIL\napps/web/prod  no golden  no ci-test/stdout.golden.yaml (write it with --update)\n1 stacks: 0 passed, 1 failed\n");
    }
}
