using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class StateKeyTests
{
    [Theory]
    [InlineData("apps/web", "apps/web/dev", "kind-dev", "apps/web/dev@kind-dev")]
    [InlineData("apps/web", "apps/web/envs/dev", "kind-dev", "apps/web/envs/dev@kind-dev")]
    [InlineData(".", "dev", "kind-dev", "dev@kind-dev")]
    [InlineData("web", "apps/web/dev", "kind-dev", "web/apps/web/dev@kind-dev")]
    [InlineData("apps/web", "apps/web2/dev", "kind-dev", "apps/web/apps/web2/dev@kind-dev")]
    public void Reads_project_then_stack_then_cluster_without_repeating_the_project(string project, string stack, string cluster, string expected)
    {
        new StateKey(project, stack, cluster).ToString().Should().Be(expected);
    }

    [Fact]
    public void The_file_and_the_Secret_of_a_key_are_named_as_before_so_existing_states_are_found()
    {
        // A key as the CLI makes it: project path and stack path, relative to the workspace root.
        var key = new StateKey("apps/web", "apps/web/dev", "kind-dev");

        LocalStatePaths.StateFile("/state", key).Should().Be(Path.Combine("/state", "apps%2Fweb", "apps%2Fweb%2Fdev", "kind-dev.json"));
        LocalStatePaths.LockFile("/state", key).Should().Be(Path.Combine("/state", "apps%2Fweb", "apps%2Fweb%2Fdev", "kind-dev.lock"));
        KubernetesStateStore.SecretName(key).Should().Be("konfig-state.apps-web.apps-web-dev.320bb19d5c5a");
    }
}
