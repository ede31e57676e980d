using Konfig.Kcl.Text;

namespace Konfig.Kcl.Syntax;

/// <summary>
/// Base of the immutable syntax tree. Every node keeps the exact span of source it came from; the
/// tokens (with their trivia) live in the token list the lexer produced, so the source can be
/// printed back byte for byte and rewritten in place by span.
/// Node types are grouped by category (expressions, statements, types) in a few files instead of one
/// file per type: they are small records and reading them side by side is easier.
/// </summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>A bare name with its own span, used for declarations, attributes and loop targets.</summary>
public sealed record Identifier(TextSpan Span, string Name) : SyntaxNode(Span);
