using FluentAssertions;
using Konfig.Kcl.Emit;
using Xunit;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Emit;

public class JsonEmitterTests
{
    [Fact]
    public void One_line_uses_python_separators()
    {
        var value = D(("key1", S("value1")), ("key2", S("value2")), ("data", L(I(1), I(2), I(3))));
        JsonEmitter.Emit(value, JsonEmitOptions.Default).Should().Be("{\"key1\": \"value1\", \"key2\": \"value2\", \"data\": [1, 2, 3]}");
        JsonEmitter.Emit(L(I(1), F(1.1), None, B(true), D(), L()), JsonEmitOptions.Default).Should().Be("[1, 1.1, null, true, {}, []]");
        JsonEmitter.Emit(D(("k", F(1024.0))), JsonEmitOptions.Default).Should().Be("{\"k\": 1024.0}");
    }

    [Fact]
    public void Indent_and_filters()
    {
        var person = D(("_key", S("value")), ("name", S("Alice")), ("data", L(I(1), None)), ("labels", D(("_k", S("v")), ("k3", None))), ("e", D()));
        JsonEmitter.Emit(person, new JsonEmitOptions { Indent = 4 }).Should().Be(
            "{\n    \"_key\": \"value\",\n    \"name\": \"Alice\",\n    \"data\": [\n        1,\n        null\n    ],\n    \"labels\": {\n        \"_k\": \"v\",\n        \"k3\": null\n    },\n    \"e\": {}\n}");
        JsonEmitter.Emit(person, new JsonEmitOptions { Indent = 4, IgnorePrivate = true, IgnoreNone = true }).Should().Be(
            "{\n    \"name\": \"Alice\",\n    \"data\": [\n        1\n    ],\n    \"labels\": {},\n    \"e\": {}\n}");
    }

    [Fact]
    public void Escapes_like_serde_json()
    {
        JsonEmitter.Emit(S("a\"b\\c\n\t\u0001é"), JsonEmitOptions.Default).Should().Be("\"a\\\"b\\\\c\\n\\t\\u0001é\"");
    }
}
