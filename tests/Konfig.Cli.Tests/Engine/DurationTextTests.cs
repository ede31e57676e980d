using FluentAssertions;
using Konfig.Cli.Commands;

namespace Konfig.Cli.Tests.Engine;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    public void Reads_kubectl_style_durations(string text, int milliseconds)
    {
        DurationText.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("soon")]
    [InlineData("5d")]
    [InlineData("0s")]
    [InlineData("m")]
    public void Rejects_what_is_not_a_positive_duration(string text) => DurationText.TryParse(text, out _).Should().BeFalse();
}
