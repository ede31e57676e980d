using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Parsing;

/// <summary>A parsed file: the tree (always present, with BadExpression where input was unreadable), the tokens and every lexer and parser diagnostic.</summary>
public sealed record ParseResult(ModuleSyntax Module, ImmutableArray<Token> Tokens, ImmutableArray<Diagnostic> Diagnostics);
