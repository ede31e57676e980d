using FluentAssertions;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Modules;

public class SystemModulesTests : ModuleTestBase
{
    [Fact]
    public void Math()
    {
        Y(Member("math", "ceil", F(-45.17))).Should().Be("-45");
        Y(Member("math", "floor", F(-45.17))).Should().Be("-46");
        Y(Member("math", "factorial", I(5))).Should().Be("120");
        Y(Member("math", "gcd", I(60), I(48))).Should().Be("12");
        Y(Member("math", "exp", I(2))).Should().Be("7.38905609893065");
        Y(Member("math", "expm1", I(32))).Should().Be("78962960182679.69");
        Y(Member("math", "log", F(2.0))).Should().Be("0.6931471805599453");
        Y(Member("math", "log", I(10))).Should().Be("2");
        Y(Member("math", "log10", F(2.7183))).Should().Be("0.43429738512450866");
        Y(Member("math", "log2", F(2.7183))).Should().Be("1.4427046851812222");
        // The double is 0.12000000000000455; kcl's YAML goes through serde_json's inexact float reader.
        Y(Member("math", "modf", F(100.12))).Should().Be("- 0.12000000000000456\n- 100.0");
        Y(Member("math", "isnan", Builtin("float", S("nan")))).Should().Be("true");
        SystemModules.TryGetMember("math", "nope", out _).Should().BeFalse();
        SystemModules.IsSystemModule("math").Should().BeTrue();
    }

    [Fact]
    public void Encodings_and_digests()
    {
        Y(Member("base64", "encode", S("0.3.0"))).Should().Be("MC4zLjA=");
        Y(Member("base64", "decode", S("MC4zLjA="))).Should().Be("0.3.0");
        Y(Member("base32", "encode", S("0.3.0"))).Should().Be("GAXDGLRQ");
        Y(Member("base32", "decode", S("GAXDGLRQ"))).Should().Be("0.3.0");
        Y(Member("crypto", "md5", S("ABCDEF"))).Should().Be("8827a41122a5028b9808c7bf84b9fcf6");
        Y(Member("crypto", "sha1", S("ABCDEF"))).Should().Be("970093678b182127f60bb51b8af2c94d539eca3a");
        Y(Member("crypto", "sha224", S("ABCDEF"))).Should().Be("fd6639af1cc457b72148d78e90df45df4d344ca3b66fa44598148ce4");
        Y(Member("crypto", "sha256", S("ABCDEF"))).Should().Be("e9c0f8b575cbfcb42ab3b78ecc87efa3b011d9a5d10b09fa4e96f240bf6a82f5");
        Y(Member("crypto", "blake3", S("ABCDEF"))).Should().Be("61c8c05f3e588c663cd9fbb1d7ad93604ed08cf335497095a020222cc9976cf1");
    }

    [Fact]
    public void Json_and_yaml()
    {
        Y(Member("json", "encode", D(("key", S("value"))))).Should().Be("'{\"key\": \"value\"}'");
        Y(Member("json", "decode", S("{\"a\": [1, 2.5, null, true]}"))).Should().Be("a:\n- 1\n- 2.5\n- null\n- true");
        Y(Member("json", "validate", S("[0, 1, 2,]"))).Should().Be("false");
        Y(Member("yaml", "decode", S("- 1\n- 2\n- 3"))).Should().Be("- 1\n- 2\n- 3");
        Y(Member("yaml", "decode", S("1.1"))).Should().Be("1.1");
        Y(Member("yaml", "decode", S("'1'"))).Should().Be("'1'");
        Y(Member("yaml", "decode_all", S("1.1\n---\nnull\n---\ntrue\n---\nfalse"))).Should().Be("- 1.1\n- null\n- true\n- false");
        Y(Member("yaml", "validate", S("a:\n1"))).Should().Be("false");
        Y(Member("yaml", "validate", S("a:1\n---\nb:2"))).Should().Be("true");
        Y(Member("yaml", "validate", S("a:1\n-----\nb:\n-2"))).Should().Be("false");
        Y(Member("yaml", "validate", S("{\"key\" + 'value'}"))).Should().Be("false");
        Y(Member("yaml", "encode_all", L(D(("key", S("value"))), L(I(1), I(2), I(3))))).Should().Be("|\n  key: value\n\n  ---\n  - 1\n  - 2\n  - 3");
    }

    [Fact]
    public void Manifests_stream_goes_to_the_context()
    {
        Member("manifests", "yaml_stream", L(I(1), UndefinedValue.Instance, new NumberMultiplierValue(2097152, 2, "Mi"), S("literal"), None));
        Context.Manifests.Should().Be("1\n---\nnull\n---\n2097152.0\n---\nliteral\n---\nnull");
    }

    [Fact]
    public void Net()
    {
        Y(Member("net", "split_host_port", S("B-K0NZJGH6-0048.local:80"))).Should().Be("- B-K0NZJGH6-0048.local\n- '80'");
        Y(Member("net", "join_host_port", S("B-K0NZJGH6-0048.local"), I(80))).Should().Be("B-K0NZJGH6-0048.local:80");
        Y(Member("net", "is_IP", S("192.0022.1.1"))).Should().Be("false");
        Y(Member("net", "is_IP", S("2001:0db8:3c4d:0015:0000:0000:1a2f:1a2b"))).Should().Be("true");
        Y(Member("net", "is_link_local_multicast_IP", S("ff12::1"))).Should().Be("true");
        Y(Member("net", "is_interface_local_multicast_IP", S("224.0.0.0"))).Should().Be("false");
        Y(Member("net", "is_global_unicast_IP", S("64:ff9b::800:1"))).Should().Be("true");
        Y(Member("net", "CIDR_subnet", S("2001:db8::/56"), I(8), I(25))).Should().Be("2001:db8:0:19::/64");
        Y(Member("net", "CIDR_subnets", S("10.0.0.0/8"), L(I(8), I(8)))).Should().Be("- 10.0.0.0/16\n- 10.1.0.0/16");
        Y(Member("net", "CIDR_host", S("2001:db8::/56"), I(25))).Should().Be("2001:db8::19");
        Y(Member("net", "CIDR_netmask", S("10.0.0.0/8"))).Should().Be("255.0.0.0");
        Y(Member("net", "parse_CIDR", S("192.168.1.0/24"))).Should().Be("ip: 192.168.1.0\nmask: 24");
        Y(Member("net", "is_IP_in_CIDR", S("192.168.0.1"), S("192.168.1.0/24"))).Should().Be("false");
    }

    [Fact]
    public void Regex_units_datetime()
    {
        Y(Member("regex", "match", S("x-7"), S("^(?!-)[a-z0-9-]{1,63}(?<!-)$"))).Should().Be("true");
        Y(Member("regex", "split", S("Apple,Google"), S(","))).Should().Be("- Apple\n- Google");
        Y(Member("regex", "replace", S("a,b"), S(","), S("|"))).Should().Be("a|b");
        Y(Member("regex", "findall", S("aaaa"), S("a"))).Should().Be("- a\n- a\n- a\n- a");
        Y(Member("regex", "compile", S("$^"))).Should().Be("true");
        SystemModules.TryGetMember("units", "n", out var n).Should().BeTrue();
        Y(n).Should().Be("1e-9");
        Y(Member("units", "to_Gi", F(4294967296.0))).Should().Be("4Gi");
        Y(Member("datetime", "validate", S("2024-02-29"), S("%Y-%m-%d"))).Should().Be("true");
        Y(Member("datetime", "validate", S("2023-02-29"), S("%Y-%m-%d"))).Should().Be("false");
        Y(Member("datetime", "validate", S("2024-08-26 10:00"), S("%Y-%m-%d"))).Should().Be("false");
        var now = ((StringValue)Member("datetime", "now")).Value;
        Y(Member("datetime", "validate", S(now), S("%a %b %d %H:%M:%S %Y"))).Should().Be("true");
    }

    [Fact]
    public void Template()
    {
        Y(Member("template", "execute", S("hello {{world}}"), D(("world", S("世界"))))).Should().Be("hello 世界");
        var html = "<div class=\"entry\">\n{{#if author}}\n<h1>{{firstName}} {{lastName}}</h1>\n{{/if}}\n</div>\n";
        ((StringValue)Member("template", "execute", S(html), D(("author", B(true)), ("firstName", S("Yehuda")), ("lastName", S("Katz")))))
            .Value.Should().Be("<div class=\"entry\">\n<h1>Yehuda Katz</h1>\n</div>\n");
        var data = D(("name", S("handlebars")), ("v", L(D(("a", I(1))), D(("a", I(2))))), ("c", D(("d", I(5)))), ("people", L(S("Yehuda Katz"), S("Alan Johnson"))));
        ((StringValue)Member("template", "execute", S("Hello world from {{name}}\n\n{{#each v}}\n{{this.a}}\n{{/each}}\n{{ c.d }}\n{{#each people}}\n{{ this }}\n{{/each}}\n"), data))
            .Value.Should().Be("Hello world from handlebars\n\n1\n2\n5\nYehuda Katz\nAlan Johnson\n");
        // A block tag right after another standalone tag's line is standalone too.
        ((StringValue)Member("template", "execute", S("{{#each v}}\n{{this.a}}\n{{/each}}\n{{#each v}}\n{{this.a}}\n{{/each}}\n"), data))
            .Value.Should().Be("1\n2\n1\n2\n");
        ((StringValue)Member("template", "execute", S("{{this.v}}\n{{this.c}}\n{{this.people}}\n"), data))
            .Value.Should().Be("[[object], [object]]\n[object]\n[Yehuda Katz, Alan Johnson]\n");
        Y(Member("template", "execute", S("{{value}}"), D(("value", S("<div>test</div>"))))).Should().Be("'&lt;div&gt;test&lt;/div&gt;'");
        Y(Member("template", "execute", S("{{raw value}}"), D(("value", S("value: \"test\""))))).Should().Be("'value: \"test\"'");
        Y(Member("template", "execute", S("{{{value}}}"), D(("value", S("<div>test</div>"))))).Should().Be("<div>test</div>");
        ((StringValue)Member("template", "html_escape", S("<div class=\"entry\">"))).Value.Should().Be("&lt;div class&#x3D;&quot;entry&quot;&gt;");
    }

    [Fact]
    public void Runtime_catch()
    {
        var failing = new BuiltinFunction("f", (_, _, _) => throw new KclRuntimeException("list index out of range: 0"));
        Y(Member("runtime", "catch", failing)).Should().Be("'list index out of range: 0'");
    }
}
