using FluentAssertions;
using Konfig.Kcl.Syntax;
using static Konfig.Kcl.Tests.Parsing.ParseHelper;

namespace Konfig.Kcl.Tests.Parsing;

public sealed class StatementParsingTests
{
    [Fact]
    public void Imports_with_relative_paths_and_aliases()
    {
        var body = Parse("import a.b.c\nimport .pkg as p\nimport ..up\n").Body;
        body.Cast<ImportStatement>().Select(i => (i.Path, i.Name)).Should().Equal(("a.b.c", "c"), (".pkg", "p"), ("..up", "up"));
    }

    [Fact]
    public void Assignment_chains_types_and_targets()
    {
        var chain = Statement("a = b = 1\n").Should().BeOfType<AssignStatement>().Subject;
        chain.Targets.Should().HaveCount(2);
        var typed = Statement("a: int | str = 1\n").Should().BeOfType<AssignStatement>().Subject;
        typed.Type.Should().BeOfType<UnionType>();
        Statement("a.b[0].c = 1\n").Should().BeOfType<AssignStatement>().Which.Targets[0].Should().BeOfType<SelectorExpression>();
    }

    [Theory]
    [InlineData("+=", BinaryOperator.Add)]
    [InlineData("-=", BinaryOperator.Sub)]
    [InlineData("*=", BinaryOperator.Mul)]
    [InlineData("/=", BinaryOperator.Div)]
    [InlineData("//=", BinaryOperator.FloorDiv)]
    [InlineData("%=", BinaryOperator.Mod)]
    [InlineData("**=", BinaryOperator.Pow)]
    [InlineData("<<=", BinaryOperator.LShift)]
    [InlineData(">>=", BinaryOperator.RShift)]
    [InlineData("&=", BinaryOperator.BitAnd)]
    [InlineData("|=", BinaryOperator.BitOr)]
    [InlineData("^=", BinaryOperator.BitXor)]
    public void Augmented_assignments(string op, BinaryOperator expected)
    {
        Statement($"a[0] {op} 1\n").Should().BeOfType<AugmentedAssignStatement>().Which.Operator.Should().Be(expected);
    }

    [Fact]
    public void Unification_with_and_without_arguments()
    {
        Statement("a: S {x = 1}\n").Should().BeOfType<UnificationStatement>().Which.Value.Name.Should().BeOfType<NameExpression>();
        var withArgs = Statement("a: pkg.S(1) {}\n").Should().BeOfType<UnificationStatement>().Subject;
        withArgs.Value.Arguments.Should().ContainSingle();
        withArgs.Value.Name.Should().BeOfType<SelectorExpression>().Which.Attribute.Name.Should().Be("S");
    }

    [Fact]
    public void If_elif_else_statements()
    {
        var statement = Statement("if a:\n    x = 1\nelif b: x = 2\nelse:\n    x = 3\n    y = 4\n").Should().BeOfType<IfStatement>().Subject;
        statement.Body.Should().ContainSingle();
        var elif = statement.Else.Should().ContainSingle().Which.Should().BeOfType<IfStatement>().Subject;
        elif.Else.Should().HaveCount(2);
    }

    [Fact]
    public void Assert_with_condition_and_message()
    {
        var assert = Statement("assert a > 1 if b, \"msg\"\n").Should().BeOfType<AssertStatement>().Subject;
        assert.Condition.Should().NotBeNull();
        assert.Message.Should().BeOfType<StringLiteral>();
    }

    [Fact]
    public void Type_alias_with_literal_and_function_types()
    {
        var alias = Statement("type T = \"a\" | 1 | True | [int] | {str:any} | (int, str) -> bool\n").Should().BeOfType<TypeAliasStatement>().Subject;
        var union = alias.Type.Should().BeOfType<UnionType>().Subject;
        union.Types.Should().HaveCount(6);
        union.Types[0].Should().BeOfType<LiteralType>().Which.Value.Should().Be("a");
        union.Types[1].Should().BeOfType<LiteralType>().Which.Value.Should().Be(1L);
        union.Types[2].Should().BeOfType<LiteralType>().Which.Value.Should().Be(true);
        union.Types[5].Should().BeOfType<FunctionType>().Which.Parameters.Should().HaveCount(2);
    }

    [Fact]
    public void A_schema_with_everything()
    {
        const string Source = """
            @deprecated(version="1.0")
            schema Person[n: int = 1](pkg.Base) for Proto:
                '''Doc.'''
                mixin [AMixin, BMixin]
                name?: str = "x"
                "quoted-key": int
                @info(a=1)
                age: int
                labels: {str:str} |= {}
                [key: str]: str
                if age > 1:
                    extra = 1
                _local = 2
                assert age > 0
                check:
                    age > 0 if name, "bad age"
                    len(name) > 0
            """;
        var schema = Statement(Source + "\n").Should().BeOfType<SchemaStatement>().Subject;
        schema.Name.Name.Should().Be("Person");
        schema.Decorators.Should().ContainSingle().Which.Keywords.Should().ContainSingle();
        schema.Parameters.Should().ContainSingle();
        schema.Parent.Should().BeOfType<SelectorExpression>();
        schema.ForHost.Should().BeOfType<NameExpression>();
        schema.Docstring.Should().Be("Doc.");
        schema.Mixins.Should().HaveCount(2);
        var attributes = schema.Body.OfType<SchemaAttribute>().ToList();
        attributes.Select(a => a.Name.Name).Should().Equal("name", "quoted-key", "age", "labels");
        attributes[0].IsOptional.Should().BeTrue();
        attributes[0].Operation.Should().Be(ConfigOperation.Override);
        attributes[2].Decorators.Should().ContainSingle();
        attributes[3].Operation.Should().Be(ConfigOperation.Union);
        schema.IndexSignature.Should().NotBeNull();
        schema.IndexSignature!.KeyName!.Name.Should().Be("key");
        schema.Body.OfType<IfStatement>().Should().ContainSingle();
        schema.Body.OfType<AssignStatement>().Should().ContainSingle();
        schema.Body.OfType<AssertStatement>().Should().ContainSingle();
        schema.Checks.Should().HaveCount(2);
        schema.Checks[0].Condition.Should().NotBeNull();
        schema.Checks[0].Message.Should().BeOfType<StringLiteral>();
    }

    [Fact]
    public void Index_signatures_with_any_other_and_mixins_and_protocols()
    {
        var schema = Statement("schema A:\n    [...str]: int = 1\n").Should().BeOfType<SchemaStatement>().Subject;
        schema.IndexSignature!.AnyOther.Should().BeTrue();
        schema.IndexSignature.Value.Should().NotBeNull();
        Statement("mixin AMixin for P:\n    a: int\n").Should().BeOfType<SchemaStatement>().Which.IsMixin.Should().BeTrue();
        Statement("protocol P:\n    a: int\n").Should().BeOfType<SchemaStatement>().Which.IsProtocol.Should().BeTrue();
    }

    [Fact]
    public void Rules()
    {
        var rule = Statement("rule R[a](B, C) for P:\n    \"doc\"\n    a > 1, \"msg\"\n    b\n").Should().BeOfType<RuleStatement>().Subject;
        rule.Parents.Should().HaveCount(2);
        rule.Docstring.Should().Be("doc");
        rule.Checks.Should().HaveCount(2);
    }

    [Fact]
    public void Module_docstring()
    {
        Parse("\"\"\"Module doc.\"\"\"\na = 1\n").Docstring.Should().Be("Module doc.");
    }

    [Fact]
    public void Spans_are_exact()
    {
        var module = Parse("a = foo(1, 2)  # c\n");
        var assign = module.Body[0].Should().BeOfType<AssignStatement>().Subject;
        assign.Span.Text.Should().Be("a = foo(1, 2)");
        assign.Value.Span.Text.Should().Be("foo(1, 2)");
    }

    [Fact]
    public void Lines_continued_inside_brackets_do_not_end_the_block()
    {
        const string Source = "schema A:\n    x = f(1,\n          2)\n    y = [1,\n        2]\n    z = {\n  a: 1\n    }\n    w = [\n1]\n    v = 1\nb = 2\n";
        var module = Parse(Source);
        module.Body.Should().HaveCount(2);
        module.Body[0].Should().BeOfType<SchemaStatement>().Which.Body.Should().HaveCount(5);
    }
}
