using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Tests.Robustness.ProgramRun;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// KCL sets no size limits (the reference grows values until the allocator aborts it); we stop a program
/// with a KCL error before it takes the memory: strings of 2^27 characters, lists and dicts of 2^24 items,
/// 2^28 characters of output (<see cref="ValueLimits"/>). Anything smaller works, a 100 MB literal included.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class SizeLimitTests
{
    [Fact]
    public void A_hundred_million_character_string_is_built()
    {
        Output("a = len(\"x\" * 100000000)\n").Should().Be("a: 100000000\n");
    }

    [Fact]
    public void A_thirty_megabyte_string_literal_is_read_and_printed()
    {
        var yaml = Output("a = \"" + new string('x', 30_000_000) + "\"\n");
        yaml.Length.Should().Be(30_000_004);
    }

    [Theory]
    [InlineData("a = \"x\" * 10000000000\n", "string too long: 10,000,000,000 characters, the limit is 134,217,728")]
    [InlineData("a = \"ab\" * 4294967297\n", "string too long: 8,589,934,594 characters, the limit is 134,217,728")]
    [InlineData("s = \"x\" * 100000000\na = s + s\n", "string too long: 200,000,000 characters, the limit is 134,217,728")]
    [InlineData("s = \"x\" * 100000000\na = \"${s}${s}\"\n", "string too long: 200,000,000 characters, the limit is 134,217,728")]
    [InlineData("a = (\"x\" * 100000000).replace(\"x\", \"yy\")\n", "string too long: 200,000,000 characters, the limit is 134,217,728")]
    [InlineData("a = \"\".join([\"x\" * 100000000] * 2)\n", "string too long: 200,000,000 characters, the limit is 134,217,728")]
    [InlineData("a = str([\"x\" * 100000000] * 2)\n", "string too long")]
    [InlineData("a = \"{:999999999}\".format(1)\n", "string too long: 999,999,999 characters, the limit is 134,217,728")]
    [InlineData("a = [1] * 4294967297\n", "list or dict too long: 4,294,967,297 items, the limit is 16,777,216")]
    [InlineData("a = range(10000000000)\n", "list or dict too long: 10,000,000,000 items, the limit is 16,777,216")]
    [InlineData("a = [i for i in range(-9223372036854775807, 9223372036854775807, 3)]\n", "list or dict too long")]
    public void Growth_past_a_limit_is_a_kcl_error(string source, string message)
    {
        var error = Error(source);
        error.Code.Should().Be("E3M38");
        error.Message.Should().StartWith(message);
    }

    [Fact]
    public void Comprehensions_stop_at_the_collection_limit()
    {
        Error("a = [1 for i in range(5000) for j in range(5000)]\n").Message.Should().StartWith("list or dict too long: 16,777,217 items");
    }

    [Theory]
    [InlineData("s = \"x\" * 50000000\na = [s] * 6\n")]
    [InlineData("import json\ns = \"x\" * 10000000\na = json.encode([s] * 30)\n")]
    [InlineData("s = \"x\" * 10000000\na = [print(s) for _ in range(30)]\n")]
    public void Output_past_the_limit_is_a_kcl_error(string source)
    {
        var error = Error(source);
        error.Code.Should().Be("E3M38");
        error.Message.Should().Be("output too large: more than 268,435,456 characters");
    }

    [Fact]
    public void Many_values_each_within_the_limits_are_stopped_by_the_memory_watchdog()
    {
        // 50 lists of 10 million items: 4 GB if nothing stopped it; the watchdog stops it at 512 MB.
        var result = Run("a = [[0] * 10000000 for i in range(50)]\n", memoryLimit: 512L * 1024 * 1024);
        result.Success.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be("out of memory: the program used more than 512 MB and was stopped");
    }

    [Fact]
    public void A_damaged_file_with_thousands_of_errors_on_one_huge_line_reports_a_bounded_amount()
    {
        var result = Run("a = [" + string.Concat(Enumerable.Repeat("1 ) ", 20_000)) + "]\n");
        result.Diagnostics.Should().HaveCountLessThanOrEqualTo(1_001);
        result.Diagnostics[^1].Message.Should().Contain("only the first 1000 are shown");
        DiagnosticFormatter.FormatKcl(result.Diagnostics).Length.Should().BeLessThan(5_000_000);
    }

    [Fact]
    public void Range_steps_near_the_integer_bounds_do_not_overflow()
    {
        Output("a = range(0, 9223372036854775807, 4611686018427387904)\n").Should().Be("a:\n- 0\n- 4611686018427387904\n");
    }
}
