using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class LockProcessTests
{
    [Fact]
    public void Round_trips_through_its_text()
    {
        var process = new LockProcess(4242, "build-7", "0f3c/4026531836", "123456");

        process.ToText().Should().Be("pid=4242 host=build-7 scope=0f3c/4026531836 started=123456");
        LockProcess.Parse(process.ToText()).Should().Be(process);
        LockProcess.Parse("pid=4242 host=build-7 scope= started=").Should().Be(new LockProcess(4242, "build-7", "", null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice@host pid 12")]
    [InlineData("pid=x host=h scope=")]
    [InlineData("pid=12 scope=")]
    [InlineData("pid=12 host=h")]
    public void Anything_else_is_no_process(string? text)
    {
        LockProcess.Parse(text).Should().BeNull();
    }

    [Fact]
    public async Task Only_a_process_of_this_machine_that_no_longer_runs_has_ended()
    {
        var ended = await LockProcessSamples.EndedPidAsync();

        LockProcess.Current.HasEnded().Should().BeFalse("this process runs");
        (LockProcess.Current with { Pid = ended }).HasEnded().Should().BeTrue();
        (LockProcess.Current with { Started = "1" }).HasEnded().Should().BeTrue("the pid now belongs to a process started later");
        (LockProcess.Current with { Started = null }).HasEnded().Should().BeFalse("without a start time a running pid counts as the holder");
        (LockProcess.Current with { Pid = ended, Host = "other-" + Environment.MachineName }).HasEnded().Should().BeFalse("another host");
        (LockProcess.Current with { Pid = ended, Scope = "another-boot/1" }).HasEnded().Should().BeFalse("another boot or pid namespace");
    }
}
