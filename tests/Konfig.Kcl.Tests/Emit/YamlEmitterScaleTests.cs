using FluentAssertions;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Emit;

public class YamlEmitterScaleTests
{
    [Fact]
    public void Ten_thousand_entries_emit_in_kcl_layout()
    {
        var entries = new List<KeyValuePair<string, KclValue>>();
        for (var i = 0; i < 10_000; i++)
        {
            entries.Add(new($"item{i}", D(("name", S($"service-{i}")), ("port", I(8000 + i)), ("ratio", F(i / 7.0)), ("tags", L(S("a b"), S("1"), S("on"))), ("on", B(i % 2 == 0)))));
        }

        var yaml = YamlEmitter.Emit(entries, YamlEmitOptions.Default);
        yaml.Should().StartWith("item0:\n  name: service-0\n  port: 8000\n  ratio: 0.0\n  tags:\n  - a b\n  - '1'\n  - 'on'\n  'on': true\n");
    }
}
