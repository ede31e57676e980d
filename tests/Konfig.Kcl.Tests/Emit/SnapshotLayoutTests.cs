using FluentAssertions;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Emit;

/// <summary>
/// The emitter alone against reference snapshots: the values those programs evaluate to, built by hand,
/// must print as the snapshot's exact bytes (the snapshot may lack the final newline).
/// </summary>
public class SnapshotLayoutTests
{
    private static void Matches(string snapshot, params (string Key, KclValue Value)[] topLevel)
    {
        var folder = SharedPaths.SharedFolder("kcl-snapshots")!;
        var expected = File.ReadAllText(Path.Combine(folder, snapshot, "stdout.golden"));
        var actual = YamlEmitter.Emit(topLevel.Select(e => new KeyValuePair<string, KclValue>(e.Key, e.Value)), YamlEmitOptions.Default);
        actual.TrimEnd('\n').Should().Be(expected.TrimEnd('\n'), snapshot);
    }

    private static SchemaValue Schema(string name, params (string Key, KclValue Value)[] entries)
    {
        var schema = new SchemaValue(name, "__main__", null);
        foreach (var (key, value) in entries)
        {
            schema.Set(key, value);
        }

        return schema;
    }

    [RequiresSharedFact("kcl-snapshots")]
    public void Snapshots_print_byte_for_byte()
    {
        Matches("assign_stmt_8", ("on", S("on")));
        Matches("binary_expr_1", ("a", D()), ("b", L()));
        Matches("lambda_7", ("x", Schema("Value", ("r", I(1)))), ("y", Schema("bar", ("v", Schema("Value2", ("r", I(1)))))));
        Matches("literal_1", ("a", D(("k", S("v")))), ("b", S("{\"k\": \"v\"}")));
        Matches("literal_2", ("a", new NumberMultiplierValue(1048576, 1, "Mi")), ("b", new NumberMultiplierValue(2000, 2, "K")));
        Matches("list_comp1", ("a", L(S("你"), S("好"))));
        Matches("lazy_scope_2", ("data1", Schema("Data", ("name", S("1")))), ("data2", Schema("Data", ("name", S("1")), ("version", S("v0.1.0")))), ("version", S("v0.1.0")));
        Matches("schema_2",
            ("VALUES_MAP", D(("1", Schema("Values1", ("attr1", S("foo")))), ("2", Schema("Values2", ("attr2", S("bar")))))),
            ("config", Schema("Config", ("provider", S("1")), ("values", D(("attr1", S("foobar")))), ("provider_values", D(("attr1", S("foobar")))))));
        Matches("assign_stmt_6", ("a", L(D(("key", I(1))), D(("key", I(0))))));
        Matches("if_stmt_8", ("items", L(D(("key2", S("value2"))))), ("c", Schema("Config", ("items", L(D(("key2", S("value2"))))))));
    }
}
