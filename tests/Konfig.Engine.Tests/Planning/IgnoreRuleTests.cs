using FluentAssertions;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Tests.Planning;

public class IgnoreRuleTests
{
    private static List<PathSegment> Path(params object[] segments) =>
        [.. segments.Select(s => s is int i ? PathSegment.ForIndex(i) : PathSegment.ForKey((string)s))];

    [Theory]
    [InlineData("spec.replicas", true)]
    [InlineData("spec", true)]
    [InlineData("spec.replica", false)]
    [InlineData("spec.replicas.x", false)]
    [InlineData("metadata.replicas", false)]
    public void A_rule_matches_its_field_and_everything_under_it(string rule, bool matches)
    {
        IgnoreRule.Create(rule).Matches(Path("spec", "replicas")).Should().Be(matches);
    }

    [Theory]
    [InlineData("spec.containers[0].image", true)]
    [InlineData("spec.containers[1].image", false)]
    [InlineData("spec.containers[*].image", true)]
    [InlineData("spec.*[*].image", true)]
    [InlineData("spec.containers.*.image", true)]
    [InlineData("spec.containers.0.image", false)]
    public void Indexes_and_wildcards(string rule, bool matches)
    {
        IgnoreRule.Create(rule).Matches(Path("spec", "containers", 0, "image")).Should().Be(matches);
    }

    [Theory]
    [InlineData("metadata.annotations[\"deployment.kubernetes.io/revision\"]", true)]
    [InlineData("metadata.annotations['deployment.kubernetes.io/revision']", true)]
    [InlineData(@"metadata.annotations.deployment\.kubernetes\.io/revision", true)]
    [InlineData("metadata.annotations.deployment.kubernetes.io/revision", true)]
    [InlineData("metadata.annotations.deployment.kubernetes", false)]
    [InlineData("metadata.annotations[\"deployment\"]", false)]
    [InlineData(@"metadata.annotations.deployment\.kubernetes", false)]
    public void Keys_with_dots(string rule, bool matches)
    {
        IgnoreRule.Create(rule).Matches(Path("metadata", "annotations", "deployment.kubernetes.io/revision")).Should().Be(matches);
    }

    [Fact]
    public void Plain_dotted_segments_still_match_nested_keys_and_continue_after_a_dotted_key()
    {
        IgnoreRule.Create("data.a.b").Matches(Path("data", "a", "b")).Should().BeTrue();
        IgnoreRule.Create("data.a.b.c").Matches(Path("data", "a.b", "c")).Should().BeTrue();
        IgnoreRule.Create("data.a.b.c").Matches(Path("data", "a.b", "d")).Should().BeFalse();
    }

    [Fact]
    public void Formatted_paths_parse_back_to_a_rule_matching_exactly_that_path()
    {
        var path = Path("metadata", "annotations", "a.b/c \"d\"", "x", 3, "*");
        var text = FieldPath.Format(path);
        text.Should().Be("metadata.annotations[\"a.b/c \\\"d\\\"\"].x[3][\"*\"]");
        var rule = IgnoreRule.Create(text);
        rule.Matches(path).Should().BeTrue();
        rule.Matches(Path("metadata", "annotations", "a.b/c \"d\"", "x", 3, "y")).Should().BeFalse();
    }

    [Theory]
    [InlineData("spec.containers[name=web].image", true)]
    [InlineData("spec.containers[name=\"web\"].image", true)]
    [InlineData("spec.containers[name=side].image", false)]
    [InlineData("spec.containers[*].image", true)]
    [InlineData("spec.containers[0].image", false)]
    [InlineData("spec.containers.web.image", false)]
    public void Named_items(string rule, bool matches)
    {
        var path = new List<PathSegment> { PathSegment.ForKey("spec"), PathSegment.ForKey("containers"), PathSegment.ForNamedItem("web"), PathSegment.ForKey("image") };
        IgnoreRule.Create(rule).Matches(path).Should().Be(matches);
    }

    [Theory]
    [InlineData("web", "env[name=web].value")]
    [InlineData("MY VAR", "env[name=\"MY VAR\"].value")]
    [InlineData("a]b", "env[name=\"a]b\"].value")]
    public void Named_item_paths_format_readably_and_parse_back(string name, string expected)
    {
        List<PathSegment> path = [PathSegment.ForKey("env"), PathSegment.ForNamedItem(name), PathSegment.ForKey("value")];
        var text = FieldPath.Format(path);
        text.Should().Be(expected);
        IgnoreRule.Create(text).Matches(path).Should().BeTrue();
        IgnoreRule.Create(text).Matches([PathSegment.ForKey("env"), PathSegment.ForNamedItem(name + "x"), PathSegment.ForKey("value")]).Should().BeFalse();
    }

    [Theory]
    [InlineData("spec[name=]", "expected a name after 'name='")]
    [InlineData("spec[name=\"abc]", "unterminated string")]
    [InlineData("", "cannot be empty")]
    [InlineData("spec..replicas", "empty segment at column 6")]
    [InlineData(".spec", "empty segment at column 1")]
    [InlineData("spec.", "ends with a dot")]
    [InlineData("spec[abc]", "expected an index")]
    [InlineData("spec[0", "expected an index")]
    [InlineData("spec[\"abc]", "unterminated string")]
    [InlineData("spec['abc", "unterminated string")]
    [InlineData("spec[\"a\"]b", "expected '.' or '[' at column 10")]
    public void Bad_syntax_is_an_error_saying_where(string text, string message)
    {
        IgnoreRule.TryParse(text, out var rule, out var error).Should().BeFalse();
        rule.Should().BeNull();
        error.Should().Contain(message);
    }

    [Fact]
    public void Ignored_fields_report_bad_paths_and_keep_the_good_ones()
    {
        var (fields, errors) = IgnoredFields.Create(["spec.replicas", "spec..x"]);
        errors.Should().ContainSingle().Which.Should().StartWith("a field path to ignore is invalid: empty segment");
        fields.UserRules.Select(r => r.Text).Should().Equal("spec.replicas");
        fields.IsIgnored(Path("spec", "replicas")).Should().BeTrue();
        fields.IsIgnored(Path("status", "phase")).Should().BeTrue();
        fields.IsIgnored(Path("metadata", "managedFields", 0, "manager")).Should().BeTrue();
        fields.IsIgnored(Path("metadata", "name")).Should().BeFalse();
    }
}
