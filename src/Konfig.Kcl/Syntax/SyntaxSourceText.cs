using System.Text;
using Konfig.Kcl.Parsing;

namespace Konfig.Kcl.Syntax;

/// <summary>
/// Prints a parsed file back from its tree: every node gives out the tokens (with their comments and
/// whitespace) inside its span, its children in between, so an unchanged tree prints its file byte for
/// byte. While printing it checks that the tree and the tokens agree — children in order, inside their
/// parent, never splitting a token — because span-exact rewriting relies on exactly that.
/// </summary>
public static class SyntaxSourceText
{
    public static SyntaxPrintResult Print(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var printer = new Printer(parse);
        printer.Visit(parse.Module);
        printer.EmitTokensEndingBy(int.MaxValue);
        return new SyntaxPrintResult(printer.Text.ToString(), printer.Mismatches);
    }

    private sealed class Printer(ParseResult parse)
    {
        private int _next;

        public StringBuilder Text { get; } = new(parse.Module.File.Text.Length);

        public List<string> Mismatches { get; } = [];

        public void Visit(SyntaxNode node)
        {
            // A string with interpolations is one token: its parts are inside it, nothing more to print.
            if (_next < parse.Tokens.Length && parse.Tokens[_next].Kind == TokenKind.String && parse.Tokens[_next].Span == node.Span)
            {
                EmitTokensEndingBy(node.Span.End);
                return;
            }

            foreach (var child in SyntaxChildren.Of(node))
            {
                EmitTokensEndingBy(child.Span.Start);
                if (child.Span.Start < EmittedEnd)
                {
                    // Parts of an interpolated string live inside its one string token: nothing to print.
                    if (!InsideOneToken(child))
                    {
                        Mismatches.Add($"{Describe(child)} starts inside text already printed (up to offset {EmittedEnd})");
                    }

                    continue;
                }

                if (child.Span.End > node.Span.End)
                {
                    Mismatches.Add($"{Describe(child)} ends after its parent {Describe(node)}");
                }

                Visit(child);
            }

            EmitTokensEndingBy(node.Span.End);
            if (_next < parse.Tokens.Length && parse.Tokens[_next].Span.Start < node.Span.End && parse.Tokens[_next].Span.End > node.Span.End)
            {
                Mismatches.Add($"{Describe(node)} ends inside the token {parse.Tokens[_next]}");
            }
        }

        /// <summary>Gives out every token that ends at or before <paramref name="offset"/>.</summary>
        public void EmitTokensEndingBy(int offset)
        {
            var tokens = parse.Tokens;
            while (_next < tokens.Length && tokens[_next].Span.End <= offset)
            {
                var token = tokens[_next++];
                foreach (var trivia in token.LeadingTrivia)
                {
                    Text.Append(trivia.Text);
                }

                Text.Append(token.Text);
                foreach (var trivia in token.TrailingTrivia)
                {
                    Text.Append(trivia.Text);
                }
            }
        }

        private int EmittedEnd => _next == 0 ? 0 : parse.Tokens[_next - 1].Span.End;

        private bool InsideOneToken(SyntaxNode node)
        {
            var token = parse.Tokens[_next - 1];
            return token.Span.Start <= node.Span.Start && node.Span.End <= token.Span.End;
        }

        private static string Describe(SyntaxNode node) => $"{node.GetType().Name} at {node.Span}";
    }
}

/// <summary>The printed text and every place where the tree and the tokens disagree (none for a sound tree).</summary>
public sealed record SyntaxPrintResult(string Text, IReadOnlyList<string> Mismatches);
