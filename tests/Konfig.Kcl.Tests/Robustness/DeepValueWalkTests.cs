using System.Runtime.ExceptionServices;
using FluentAssertions;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// Every recursive walk over values stops with <see cref="InsufficientExecutionStackException"/> (which
/// the evaluator and the runner turn into KCL's recursion error) when a value is deeper than the stack
/// can follow, instead of overflowing it. Shown on a 1 MB stack, where 100,000 levels cannot fit.
/// </summary>
public sealed class DeepValueWalkTests
{
    private const int Depth = 100_000;

    public static TheoryData<string> Walks() => ["yaml", "json", "str", "equality", "order", "copy"];

    [Theory]
    [MemberData(nameof(Walks))]
    public void A_walk_over_a_value_deeper_than_the_stack_stops_cleanly(string walk)
    {
        var (left, right) = (DeepList(), DeepList());
        Action action = walk switch
        {
            "yaml" => () => YamlEmitter.EmitValue(left, new YamlEmitOptions()),
            "json" => () => JsonEmitter.Emit(left, JsonEmitOptions.Default),
            "str" => () => ValueFormatter.ToStr(left),
            "equality" => () => ValueEquality.AreEqual(left, right),
            "order" => () => ValueEquality.LessThan(left, right),
            _ => () => KclValues.DeepCopy(left),
        };

        OnSmallStack(action).Should().BeOfType<InsufficientExecutionStackException>();
    }

    [Fact]
    public void A_deep_dict_is_walked_the_same_way()
    {
        KclValue value = new DictValue();
        for (var i = 0; i < Depth; i++)
        {
            var outer = new DictValue();
            outer.Set("a", value);
            value = outer;
        }

        OnSmallStack(() => YamlEmitter.EmitValue(value, new YamlEmitOptions())).Should().BeOfType<InsufficientExecutionStackException>();
    }

    private static ListValue DeepList()
    {
        var value = new ListValue();
        for (var i = 0; i < Depth; i++)
        {
            value = new ListValue([value]);
        }

        return value;
    }

    /// <summary>Runs on a 1 MB stack and returns what it threw (null when it returned).</summary>
    private static Exception? OnSmallStack(Action action)
    {
        ExceptionDispatchInfo? thrown = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception exception)
                {
                    thrown = ExceptionDispatchInfo.Capture(exception);
                }
            },
            1024 * 1024);
        thread.Start();
        thread.Join();
        return thrown?.SourceException;
    }
}
