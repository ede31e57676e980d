using FluentAssertions;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Parsing;

public sealed class LexerTests
{
    private static (List<Token> Tokens, List<string> Errors) Lex(string source)
    {
        var (tokens, diagnostics) = Lexer.Tokenize(new SourceFile("test.k", source));
        return ([.. tokens], [.. diagnostics.Select(d => d.Message)]);
    }

    private static List<TokenKind> Kinds(string source) => Lex(source).Tokens.Select(t => t.Kind).ToList();

    [Fact]
    public void Indentation_produces_indent_and_dedent_tokens()
    {
        Kinds("if a:\n    b = 1\nc = 2\n").Should().Equal(
            TokenKind.Identifier, TokenKind.Identifier, TokenKind.Colon, TokenKind.Newline,
            TokenKind.Indent, TokenKind.Identifier, TokenKind.Assign, TokenKind.Int, TokenKind.Newline,
            TokenKind.Dedent, TokenKind.Identifier, TokenKind.Assign, TokenKind.Int, TokenKind.Newline,
            TokenKind.EndOfFile);
    }

    [Fact]
    public void Blank_and_comment_lines_do_not_change_indentation()
    {
        var kinds = Kinds("if a:\n    b = 1\n\n  # note\n    c = 2\n");
        kinds.Count(k => k == TokenKind.Indent).Should().Be(1);
        kinds.Count(k => k == TokenKind.Dedent).Should().Be(1);
    }

    [Fact]
    public void A_dedent_between_levels_carries_the_mismatch()
    {
        var (tokens, _) = Lex("if a:\n    b = 1\n  c = 2\n");
        tokens.Should().Contain(t => t.Kind == TokenKind.Dedent && t.DedentMismatch == 2);
    }

    [Fact]
    public void Inconsistent_tabs_and_spaces_are_reported()
    {
        Lex("if a:\n\tb = 1\n  c = 2\n").Errors.Should().Contain("inconsistent use of tabs and spaces in indentation");
    }

    [Fact]
    public void Tokens_keep_comments_and_whitespace_as_trivia()
    {
        var (tokens, _) = Lex("a = 1  # note\n");
        var one = tokens.Single(t => t.Kind == TokenKind.Int);
        one.TrailingTrivia.Select(t => t.Kind).Should().Equal(TriviaKind.Whitespace, TriviaKind.Comment);
        one.TrailingTrivia[1].Text.Should().Be("# note");
    }

    [Fact]
    public void Backslash_joins_lines()
    {
        Kinds("a = 1 + \\\n    2\n").Should().NotContain(TokenKind.Indent).And.ContainSingle(k => k == TokenKind.Newline);
    }

    [Theory]
    [InlineData("1", TokenKind.Int)]
    [InlineData("0x1F", TokenKind.Int)]
    [InlineData("0o17", TokenKind.Int)]
    [InlineData("0b101", TokenKind.Int)]
    [InlineData("1_000", TokenKind.Int)]
    [InlineData("1Ki", TokenKind.Int)]
    [InlineData("1.5", TokenKind.Float)]
    [InlineData("1e3", TokenKind.Float)]
    [InlineData("2.5E-3", TokenKind.Float)]
    public void Numbers_are_one_token(string text, TokenKind kind)
    {
        var (tokens, errors) = Lex(text);
        errors.Should().BeEmpty();
        tokens[0].Kind.Should().Be(kind);
        tokens[0].Text.Should().Be(text);
    }

    [Fact]
    public void An_unknown_unit_suffix_is_reported()
    {
        Lex("a = 1ui").Errors.Should().Equal("invalid int binary suffix");
    }

    [Fact]
    public void Unterminated_strings_are_reported()
    {
        Lex("a = \"abc\nb = 1").Errors.Should().Equal("unterminated string");
    }

    [Fact]
    public void Semicolons_are_reported_and_kept_as_trivia()
    {
        var (tokens, errors) = Lex("a = 1;\n");
        errors.Should().Equal("the semicolon ';' here is unnecessary, please remove it");
        tokens.Should().NotContain(t => t.Text == ";");
    }

    [Fact]
    public void Strings_of_every_form_are_single_tokens()
    {
        foreach (var text in new[] { "'a'", "\"a\"", "r'\\d'", "R\"x\"", "'''a\nb'''", "\"\"\"a\"\"\"", "\"a\\\"b\"", "\"${a}\"" })
        {
            var (tokens, errors) = Lex(text);
            errors.Should().BeEmpty(text);
            tokens[0].Kind.Should().Be(TokenKind.String, text);
            tokens[0].Text.Should().Be(text);
        }
    }

    [Fact]
    public void Keywords_are_identifiers_with_a_keyword()
    {
        var (tokens, _) = Lex("schema $schema");
        tokens[0].Keyword.Should().Be(Keyword.Schema);
        tokens[1].Keyword.Should().Be(Keyword.None);
    }
}
