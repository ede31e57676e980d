using FluentAssertions;
using Konfig.Workspace.Golden;

namespace Konfig.Workspace.Tests.Golden;

public sealed class SpecComparerTests
{
    private static string? Difference(string expected, string actual) =>
        SpecComparer.FindFirstDifference(GoldenFile.Parse(expected).Value!, GoldenFile.Parse(actual).Value!)?.ToString();

    [Fact]
    public void Mappings_compare_by_keys_whatever_the_order_and_layout()
    {
        const string kusion = "- id: a\n  attributes:\n      kind: K\n      spec:\n          replicas: 2\n          ports:\n              - 80\n              - 443\n";
        const string ours = "- attributes:\n    spec: {ports: [80, 443], replicas: 2.0}\n    kind: K\n  id: a\n";

        Difference(kusion, ours).Should().BeNull();
    }

    [Fact]
    public void Reports_the_first_differing_path()
    {
        var expected = string.Concat(Enumerable.Range(0, 4).Select(i => $"- id: r{i}\n  attributes:\n    spec:\n      replicas: 2\n"));
        var actual = expected[..expected.LastIndexOf("2", StringComparison.Ordinal)] + "3\n";

        Difference(expected, actual).Should().Be("[3].attributes.spec.replicas: expected 2, got 3");
    }

    [Theory]
    [InlineData("[1, 2]", "[2, 1]", "[0]: expected 1, got 2")]
    [InlineData("[1, 2]", "[1]", "[1]: missing: expected 2 (2 items expected, 1 item got)")]
    [InlineData("[1]", "[1, {id: x}]", "[1]: not expected: got resource \"x\" (1 item expected, 2 items got)")]
    [InlineData("{a: {b: 1}}", "{a: {}}", ".a.b: missing: expected 1")]
    [InlineData("{a: {}}", "{a: {c: [1]}}", ".a.c: not expected: got a list of 1 item")]
    [InlineData("{labels: {app.kubernetes.io/name: a}}", "{labels: {app.kubernetes.io/name: b}}", ".labels[\"app.kubernetes.io/name\"]: expected \"a\", got \"b\"")]
    [InlineData("{port: \"80\"}", "{port: 80}", ".port: expected \"80\", got 80")]
    [InlineData("{a: null}", "{a: false}", ".a: expected null, got false")]
    [InlineData("{a: 0.5}", "{a: 0.5}", null)]
    [InlineData("{a: 1}", "{a: 1.5}", ".a: expected 1, got 1.5")]
    public void Lists_keep_order_and_scalars_keep_type_but_numbers_compare_by_value(string expected, string actual, string? difference) =>
        Difference(expected, actual).Should().Be(difference);
}
