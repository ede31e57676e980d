using FluentAssertions;
using Konfig.Kcl.Syntax;
using Konfig.Rewrite.Overrides;

namespace Konfig.Rewrite.Tests.Overrides;

public sealed class FileOverrideTests
{
    private const string App = """
        # The web app.
        app = App {
            # Pinned by the release bot.
            image = "nginx:1.0"  # bumped weekly
            replicas = 2

            labels = {team = "web"}
        }
        """;

    [Fact]
    public void Replacing_a_value_changes_only_the_literal()
    {
        var result = OverrideRun.Run(App, "app.image=\"nginx:1.1\"");

        result.Text.Should().Be(App.Replace("\"nginx:1.0\"", "\"nginx:1.1\"", StringComparison.Ordinal));
        result.Changed.Should().BeTrue();
        var edit = result.Edits.Should().ContainSingle().Subject;
        edit.NewText.Should().Be("\"nginx:1.1\"");
        App.Substring(edit.Start, edit.Length).Should().Be("\"nginx:1.0\"");
    }

    [Fact]
    public void A_new_key_in_a_multi_line_config_is_one_line_at_the_entries_indentation()
    {
        OverrideRun.Text(App, "app.port=8080").Should().Be("""
            # The web app.
            app = App {
                # Pinned by the release bot.
                image = "nginx:1.0"  # bumped weekly
                replicas = 2

                labels = {team = "web"}
                port = 8080
            }
            """);
    }

    [Fact]
    public void Deleting_an_entry_removes_its_line_and_its_trailing_comment()
    {
        OverrideRun.Text(App, "app.image-").Should().Be("""
            # The web app.
            app = App {
                # Pinned by the release bot.
                replicas = 2

                labels = {team = "web"}
            }
            """);
    }

    [Fact]
    public void Deleting_from_a_one_line_config_takes_a_comma_with_it()
    {
        const string source = "a = {x = 1, y = 2, z = 3}\n";

        OverrideRun.Text(source, "a.y-").Should().Be("a = {x = 1, z = 3}\n");
        OverrideRun.Text(source, "a.z-").Should().Be("a = {x = 1, y = 2}\n");
        OverrideRun.Text(source, "a.x-", "a.y-", "a.z-").Should().Be("a = {}\n");
    }

    [Fact]
    public void Deleting_a_variable_removes_its_lines_and_one_of_the_blank_lines_around_it()
    {
        const string source = "a = 1\n\nb = {\n    c = 2\n}\n\nd = 3\n";

        OverrideRun.Text(source, "b-").Should().Be("a = 1\n\nd = 3\n");
    }

    [Fact]
    public void Deleting_what_is_absent_changes_nothing()
    {
        var result = OverrideRun.Run(App, "app.missing-", "other-");

        result.Text.Should().Be(App);
        result.Changed.Should().BeFalse();
        result.Steps.Should().OnlyContain(step => !step.Matched && step.Edits.IsEmpty);
    }

    [Fact]
    public void A_nested_key_goes_into_the_nested_config()
    {
        OverrideRun.Text(App, "app.labels.tier=\"frontend\"").Should().Contain("    labels = {team = \"web\", tier = \"frontend\"}\n");
    }

    [Fact]
    public void An_absent_path_becomes_nested_configs_as_kcl_prints_them()
    {
        OverrideRun.Text("a = 1\n", "b.c.d=2").Should().Be("""
            a = 1
            b = {
                c: {
                    d = 2
                }
            }

            """);
        OverrideRun.Text(App, "app.resources.limits.cpu=\"1\"").Should().Contain("""
                labels = {team = "web"}
                resources: {
                    limits: {
                        cpu = "1"
                    }
                }
            }
            """);
    }

    [Fact]
    public void An_absent_variable_is_appended_with_the_operator_kcl_uses()
    {
        OverrideRun.Text("a = 1", "b=2").Should().Be("a = 1\nb = 2\n");
        OverrideRun.Text("a = 1\n", "b:2").Should().Be("a = 1\nb = 2\n");
        
        // Collections from the spec land on another line than they were written on, so kcl breaks them.
        OverrideRun.Text("a = 1\n", "b:S {x = 1}").Should().Be("a = 1\nb: S {\n    x = 1\n}\n");
        OverrideRun.Text("a = 1\n", "b+=[1]").Should().Be("a = 1\nb += [\n    1\n]\n");
    }

    [Fact]
    public void Without_adding_missing_variables_an_absent_target_leaves_the_file_and_is_not_matched()
    {
        var spec = OverrideSpecParser.Parse("app.replicas=3").Spec!;
        var file = new Konfig.Kcl.Text.SourceFile("main.k", "page = {replicas = 2}\n");

        var result = FileOverride.Apply(file, [spec], [], addMissingVariables: false);

        result.Changed.Should().BeFalse();
        result.Text.Should().Be("page = {replicas = 2}\n");
        result.Steps.Should().ContainSingle().Which.Matched.Should().BeFalse();
        FileOverride.Apply(file, [spec], []).Text.Should().Be("page = {replicas = 2}\napp = {\n    replicas = 3\n}\n", "kcl's rule adds it");
    }

    [Fact]
    public void An_empty_config_opens_into_lines()
    {
        OverrideRun.Text("x = {}  # empty\n", "x.key=1").Should().Be("x = {\n    key = 1\n}  # empty\n");
    }

    [Fact]
    public void Appending_to_a_list_keeps_its_layout()
    {
        OverrideRun.Text("a = {ports = [80, 443]}\n", "a.ports+=[8080]").Should().Be("a = {ports = [80, 443, 8080]}\n");
        OverrideRun.Text("ports = [\n    80  # http\n]\n", "ports+=[443, 8080]").Should().Be("ports = [\n    80  # http\n    443\n    8080\n]\n");
        OverrideRun.Text("ports = []\n", "ports+=[1, 2]").Should().Be("ports = [1, 2]\n");
    }

    [Fact]
    public void Appending_to_what_is_not_a_list_adds_an_entry_as_kcl_does()
    {
        OverrideRun.Text("a = {b = 1}\n", "a.b+=[2]").Should().Be("a = {b = 1, b += [2]}\n");
    }

    [Fact]
    public void Union_merges_each_entry_with_its_own_operator()
    {
        const string source = "a = {\n    x: {p = 1}\n}\n";

        OverrideRun.Text(source, "a.x:{p = 2, q: 3}").Should().Be("a = {\n    x: {p = 2, q: 3}\n}\n");
        OverrideRun.Text(source, "a:{y = 1}").Should().Be("a = {\n    x: {p = 1}\n    y = 1\n}\n");
    }

    [Fact]
    public void Union_of_a_schema_merges_only_into_the_same_schema()
    {
        const string source = "a: A {x = 1}\n";

        OverrideRun.Text(source, "a:A {y = 2}").Should().Be("a: A {x = 1, y = 2}\n");
        OverrideRun.Text(source, "a=B {}").Should().Be("a: B {}\n");
    }

    [Fact]
    public void Every_plain_assignment_of_a_variable_is_overridden_but_a_field_only_in_the_first()
    {
        OverrideRun.Text("_a = 1\n_a = 2\n", "_a=3").Should().Be("_a = 3\n_a = 3\n");
        OverrideRun.Text("a = A {x = 1}\na: A {x = 2}\n", "a.x=3").Should().Be("a = A {x = 3}\na: A {x = 2}\n");
    }

    [Fact]
    public void Repeated_keys_are_all_overridden_and_the_entry_operator_is_kept()
    {
        OverrideRun.Text("a = {\n    x: 1\n    x = 1\n}\n", "a.x=2").Should().Be("a = {\n    x: 2\n    x = 2\n}\n");
    }

    [Fact]
    public void Bodies_of_if_and_schema_are_left_alone()
    {
        const string source = "if True:\n    a = {x = 1}\nschema S:\n    a: int = 1\n";

        OverrideRun.Text(source, "a.x=2").Should().Be(source + "a = {\n    x = 2\n}\n");
    }

    [Fact]
    public void Quoted_and_dashed_keys_match_string_keys_and_are_written_quoted()
    {
        const string source = "a = {\n    \"dot.key\" = 1\n}\n";

        OverrideRun.Text(source, "a['dot.key']=2").Should().Be("a = {\n    \"dot.key\" = 2\n}\n");
        OverrideRun.Text(source, "a.str-key=3").Should().Be("a = {\n    \"dot.key\" = 1\n    \"str-key\" = 3\n}\n");
    }

    [Fact]
    public void A_dotted_key_counts_as_the_nested_configs_it_stands_for()
    {
        const string source = "a = {\n    b.c = 1\n}\n";

        OverrideRun.Text(source, "a.b.c=2").Should().Be("a = {\n    b.c = 2\n}\n");
        OverrideRun.Text(source, "a.b-").Should().Be("a = {\n}\n");
        OverrideRun.Text(source, "a.b=3").Should().Be("a = {\n    b: 3\n}\n");
        OverrideRun.Text(source, "a.b.d=4").Should().Be("a = {\n    b.c = 1\n    b: {\n        d = 4\n    }\n}\n");
    }

    [Fact]
    public void Unary_and_binary_values_are_taken_as_strings_as_in_kcl()
    {
        OverrideRun.Text("a = {image = \"x\"}\n", "a.image=nginx/nginx:1.2").Should().Be("a = {image = \"nginx/nginx:1.2\"}\n");
        OverrideRun.Text("n = 1\n", "n=-1").Should().Be("n = \"-1\"\n");
        OverrideRun.Text("n = 1\n", "n=other").Should().Be("n = other\n");
    }

    [Fact]
    public void A_multi_line_value_is_reindented_where_it_lands()
    {
        OverrideRun.Text("a = {\n    x = 0\n    b = 1\n}\n", "a.b={\n            \"c\": 2\n        }").Should().Be("a = {\n    x = 0\n    b = {\n        \"c\": 2\n    }\n}\n");
    }

    [Fact]
    public void Missing_imports_go_before_the_first_statement_and_present_ones_are_skipped()
    {
        const string source = "# Header.\nimport a.b\nimport c.d as e\n\nx = 1\n";

        var result = OverrideRun.Run(source, ["x=2"], ["a.b", "c.d as e", "f.g", "h as i"]);

        result.Text.Should().Be("# Header.\nimport f.g\nimport h as i\nimport a.b\nimport c.d as e\n\nx = 2\n");
    }

    [Fact]
    public void Imports_into_a_file_without_any_are_followed_by_a_blank_line()
    {
        OverrideRun.Run("x = 1\n", ["x=s.S {}"], ["service as s"]).Text.Should().Be("import service as s\n\nx = s.S {}\n");
    }

    [Fact]
    public void Applying_the_same_specs_again_changes_nothing()
    {
        string[] specs = ["app.image=\"nginx:2\"", "app.labels.tier=\"web\"", "app.resources.cpu=1", "other.a.b=1", "gone-", "app.replicas-"];
        var once = OverrideRun.Text(App + "\ngone = 1\n", specs);

        var twice = OverrideRun.Run(once, specs);

        twice.Text.Should().Be(once);
        twice.Changed.Should().BeFalse();
        twice.Edits.Should().BeEmpty();
    }

    [Fact]
    public void Syntax_errors_in_the_file_are_reported_with_positions_and_nothing_is_applied()
    {
        const string source = "a = {\n    b = \n}\n";

        var result = OverrideRun.Run(source, "a.b=1");

        result.Success.Should().BeFalse();
        result.Text.Should().Be(source);
        result.Steps.Should().BeEmpty();
        result.Diagnostics.Should().NotBeEmpty();
        result.Error.Should().MatchRegex(@"^stack/main\.k:\d+:\d+: ");
    }

    [Fact]
    public void A_value_that_is_not_an_expression_is_an_error_naming_the_spec()
    {
        var result = OverrideRun.Run("a = 1\n", "a=[1,");

        result.Success.Should().BeFalse();
        result.Error.Should().StartWith("Invalid value in spec 'a=[1,': ");
        result.Text.Should().Be("a = 1\n");
    }

    [Fact]
    public void A_field_of_a_variable_assigned_with_others_is_an_error_naming_the_spec()
    {
        var result = OverrideRun.Run("a = b = {x = 1}\n", "a.x=2");

        result.Error.Should().Be("Cannot apply spec 'a.x=2': 'a' shares an assignment with other names at stack/main.k:1:1; split it into one assignment per name first");
        result.Text.Should().Be("a = b = {x = 1}\n");
    }

    [Fact]
    public void Values_are_printed_as_the_formatter_prints_them_at_the_depth_they_land()
    {
        var text = OverrideRun.Text("a = {\n    b = {\n        c = \"x\"\n    }\n}\n", "a.b.c={d=1\ne='y'}");

        text.Should().Be("a = {\n    b = {\n        c = {\n            d = 1\n            e = 'y'\n        }\n    }\n}\n");
    }

    [Fact]
    public void A_file_with_crlf_line_endings_keeps_them()
    {
        const string source = "a = {\r\n    b = 1\r\n}\r\n";

        OverrideRun.Text(source, "a.c=2", "d.e=3").Should().Be("a = {\r\n    b = 1\r\n    c = 2\r\n}\r\nd = {\r\n    e = 3\r\n}\r\n");
    }

    [Fact]
    public void Imports_go_after_a_module_docstring_and_before_a_decorator()
    {
        OverrideRun.Run("\"\"\"Doc.\"\"\"\n\nx = 1\n", ["x=2"], ["p"]).Text.Should().Be("\"\"\"Doc.\"\"\"\n\nimport p\n\nx = 2\n");
        OverrideRun.Run("@deprecated()\nschema S:\n    a: int\n", ["s=S {}"], ["p"]).Text
            .Should().Be("import p\n\n@deprecated()\nschema S:\n    a: int\ns = S {}\n");
    }
}
