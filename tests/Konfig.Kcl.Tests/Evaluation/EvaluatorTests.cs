using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Globals_may_be_used_before_their_definition()
    {
        var values = Run("a = b + 1\nb = 2\n");
        Str(values["a"]).Should().Be("3");
    }

    [Fact]
    public void Schema_attributes_see_config_values_and_each_other()
    {
        var values = Run("""
            schema Person:
                name: str
                full: str = name + "!"
                age: int = 1

            p = Person {name = "x"}
            """);
        var person = (SchemaValue)values["p"];
        Str(person["full"]!).Should().Be("x!");
        Str(person["age"]!).Should().Be("1");
    }

    [Fact]
    public void Union_merges_nested_configs_and_insert_appends()
    {
        var values = Run("""
            a = {x = {y = 1}, l = [1]}
            b = a | {x: {z = 2}, l += [2]}
            """);
        var b = (DictValue)values["b"];
        ((DictValue)b["x"]!).Keys.Should().Equal("y", "z");
        ((ListValue)b["l"]!).Items.Should().HaveCount(2);
    }

    [Fact]
    public void Lambdas_capture_their_scope_and_recursion_is_bounded()
    {
        var values = Run("""
            f = lambda n { n * 2 }
            r = [f(x) for x in [1, 2]]
            """);
        ((ListValue)values["r"]).Items.Select(Str).Should().Equal("2", "4");

        var diagnostics = RunDiagnostics("f = lambda n { f(n) }\nx = f(1)\n");
        diagnostics.Should().ContainSingle().Which.Code.Should().Be("E3M38");
    }

    [Fact]
    public void Failed_check_reports_instance_and_condition()
    {
        var diagnostics = RunDiagnostics("""
            schema S:
                a: int
                check:
                    a > 1, "too small"

            s = S {a = 1}
            """);
        var error = diagnostics.Should().ContainSingle().Subject;
        error.Labels.Select(l => l.Message).Should().Equal("Instance check failed", "Check failed on the condition: too small");
    }

    [Fact]
    public void Missing_required_attribute_is_an_error()
    {
        var diagnostics = RunDiagnostics("schema S:\n    a: int\n\ns = S {}\n");
        diagnostics.Should().ContainSingle().Which.Message.Should().Be("attribute 'a' of S is required and can't be None or Undefined");
    }

    [Fact]
    public void Reassigning_an_exported_global_is_an_immutable_error()
    {
        var diagnostics = RunDiagnostics("a = 1\na = 2\n");
        diagnostics.Should().ContainSingle().Which.Kind.Should().Be("ImmutableError");
    }

    [Fact]
    public void Private_and_function_values_are_not_exported()
    {
        var values = Run("_a = 1\nf = lambda { 1 }\nb = _a\n");
        values.Keys.Should().Equal("b");
    }

    [Fact]
    public void A_nested_config_literal_does_not_change_what_its_parent_entries_see()
    {
        var values = Run("""
            c = {
                name = "apple"
                a = {name = "orange"}
                b = {name = "pine" + name}
                if True:
                    name = "kiwi"
                d = name
            }
            """);
        var config = (DictValue)values["c"];
        Str(((DictValue)config["b"]!)["name"]!).Should().Be("pineapple");
        Str(config["d"]!).Should().Be("kiwi");
    }

    [Fact]
    public void A_config_merged_into_an_attribute_shows_through_attributes_holding_the_same_value()
    {
        var values = Run("""
            schema V:
                a: str
            MAP = {"1": V {a = "foo"}}
            schema C:
                key: str
                values = MAP[key]
                picked: V = values
                copied = values
            c = C {
                key = "1"
                picked.a = "bar"
                copied.a = "baz"
            }
            """);
        var config = (SchemaValue)values["c"];
        Str(((DictValue)config["values"]!)["a"]!).Should().Be("baz");
        Str(((DictValue)config["picked"]!)["a"]!).Should().Be("bar");
        Str(((DictValue)((DictValue)values["MAP"])["1"]!)["a"]!).Should().Be("foo");
    }

    [Fact]
    public void A_schema_itself_is_a_type()
    {
        var values = Run("schema S:\n    x: int = 1\nt = typeof(S)\ni = typeof(S {})\n");
        Str(values["t"]).Should().Be("type");
        Str(values["i"]).Should().Be("S");
    }

    [Fact]
    public void A_statement_run_early_for_a_forward_reference_runs_again_in_order()
    {
        var values = Run("""
            schema S:
                x: int = 1
            first = s.x
            s = S {}
            n = len(S.instances())
            _a = 1
            b = _a
            _a += 1
            c = _a
            """);
        Str(values["first"]).Should().Be("1");
        Str(values["n"]).Should().Be("2");
        Str(values["b"]).Should().Be("2");
        Str(values["c"]).Should().Be("2");
    }

    [Fact]
    public void Top_level_expressions_make_one_document_with_the_globals_merged_in()
    {
        var result = Evaluate("a = 1\n{b = 2}\nprint(3)\n{c = 3}\n");
        result.Diagnostics.Should().BeEmpty();
        var document = result.Document.Should().BeAssignableTo<DictValue>().Subject;
        document.Keys.Should().Equal("b", "c", "a");
        Evaluate("a = 1\n").Document.Should().BeNull();
    }

    [Fact]
    public void Only_the_last_schema_expression_stays_in_the_document()
    {
        var result = Evaluate("schema S:\n    x: int\nS {x = 1}\nS {x = 2}\n");
        result.Diagnostics.Should().BeEmpty();
        Str(((SchemaValue)result.Document!)["x"]!).Should().Be("2");
    }

    [Theory]
    [InlineData("1\n2\n", "conflicting values between 2 and 1")]
    [InlineData("a = 1\n1\n", "conflicting values between {...} and 1")]
    [InlineData("[1]\n[1, 2]\n", "conflicting values between [...] and [...]")]
    public void Contradicting_top_level_values_are_an_error_at_the_last_statement(string source, string message)
    {
        var diagnostic = RunDiagnostics(source).Should().ContainSingle().Subject;
        diagnostic.Message.Should().Be(message);
        diagnostic.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void Runtime_catch_returns_the_message_of_a_failed_evaluation()
    {
        var values = Run("""
            import runtime
            schema P:
                age: int
                check:
                    age < 10, "too old"
            index = runtime.catch(lambda { [][0] })
            check = runtime.catch(lambda { P {age = 100} })
            fine = runtime.catch(lambda { 1 })
            """);
        Str(values["index"]).Should().Be("list index out of range: 0");
        Str(values["check"]).Should().Be("too old");
        values["fine"].Should().BeOfType<NoneValue>();
    }

    private static string Str(KclValue value) => ValueFormatter.ToStr(value);

    private static Dictionary<string, KclValue> Run(string source)
    {
        var result = Evaluate(source);
        result.Diagnostics.Should().BeEmpty();
        return result.Values.ToDictionary(p => p.Key, p => p.Value);
    }

    private static IReadOnlyList<Diagnostic> RunDiagnostics(string source) => Evaluate(source).Diagnostics;

    private static EvaluationResult Evaluate(string source)
    {
        var parsed = KclParser.Parse(new SourceFile("/virtual/main.k", source));
        parsed.Diagnostics.Should().BeEmpty();
        var package = new KclPackage("__main__", "/virtual", [parsed.Module]);
        EvaluationResult? result = null;
        // The runner evaluates on a large stack; so do the tests (recursion tests go deep).
        var thread = new Thread(() => result = KclEvaluator.Evaluate(package, new NoPackages(), new EvaluationSettings()), 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return result!;
    }

    private sealed class NoPackages : IPackageResolver
    {
        public KclPackage? Resolve(string importPath, KclPackage importer, Syntax.ModuleSyntax importingFile) => null;
    }
}
