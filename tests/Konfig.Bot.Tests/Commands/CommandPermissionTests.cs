using FluentAssertions;
using Konfig.Bot.Commands;

namespace Konfig.Bot.Tests.Commands;

public sealed class CommandPermissionTests
{
    [Theory]
    [InlineData("admin", "admin", true)]
    [InlineData("write", "maintain", true)]
    [InlineData("write", "write", true)]
    [InlineData("write", "deployer", true)] // a custom role based on write
    [InlineData("read", "triage", false)]
    [InlineData("read", "read", false)]
    [InlineData("none", null, false)]
    [InlineData(null, null, false)]
    [InlineData("WRITE", null, true)]
    [InlineData(null, "maintain", true)]
    public void Only_write_access_or_more_may_run_commands(string? permission, string? roleName, bool allowed)
    {
        CommandPermission.CanRunCommands(permission, roleName).Should().Be(allowed);
    }
}
