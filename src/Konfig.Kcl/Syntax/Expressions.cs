using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Syntax;

public abstract record Expression(TextSpan Span) : SyntaxNode(Span);

/// <summary>A name reference: <c>a</c>. Dotted paths are <see cref="SelectorExpression"/> chains.</summary>
public sealed record NameExpression(TextSpan Span, string Name) : Expression(Span);

/// <summary><c>value.attr</c> or, with <see cref="IsOptional"/>, <c>value?.attr</c>.</summary>
public sealed record SelectorExpression(TextSpan Span, Expression Value, Identifier Attribute, bool IsOptional) : Expression(Span);

/// <summary><c>value[index]</c> or <c>value?[index]</c>.</summary>
public sealed record IndexExpression(TextSpan Span, Expression Value, Expression Index, bool IsOptional) : Expression(Span);

/// <summary><c>value[lower:upper:step]</c>; any bound may be absent.</summary>
public sealed record SliceExpression(TextSpan Span, Expression Value, Expression? Lower, Expression? Upper, Expression? Step, bool IsOptional) : Expression(Span);

public sealed record KeywordArgument(TextSpan Span, Identifier Name, Expression Value) : SyntaxNode(Span);

public sealed record CallExpression(TextSpan Span, Expression Function, ImmutableArray<Expression> Arguments, ImmutableArray<KeywordArgument> Keywords) : Expression(Span);

/// <summary>An int or float literal. <see cref="Suffix"/> is a unit suffix such as <c>Ki</c> or <c>M</c>.</summary>
public sealed record NumberLiteral(TextSpan Span, bool IsFloat, long IntValue, double FloatValue, string? Suffix) : Expression(Span);

/// <summary>
/// A string literal without interpolation; <see cref="Value"/> has escapes decoded (<c>\$</c> is a plain <c>$</c>).
/// A triple-quoted string drops a line break directly after its opening quotes; no other dedent is applied.
/// </summary>
public sealed record StringLiteral(TextSpan Span, string Value, bool IsRaw, bool IsLong) : Expression(Span);

/// <summary><c>${expr}</c> or <c>${expr: #spec}</c> inside a string; <see cref="FormatSpec"/> is the text from <c>#</c> on (e.g. <c>#json</c>).</summary>
public sealed record FormattedValue(TextSpan Span, Expression Value, string? FormatSpec) : Expression(Span);

/// <summary>A string with interpolations: parts are <see cref="StringLiteral"/> and <see cref="FormattedValue"/>.</summary>
public sealed record JoinedString(TextSpan Span, ImmutableArray<Expression> Parts, bool IsLong) : Expression(Span);

/// <summary><c>True</c>, <c>False</c>, <c>None</c> or <c>Undefined</c>.</summary>
public sealed record ConstantLiteral(TextSpan Span, LiteralKind Kind) : Expression(Span);

public sealed record ParenthesizedExpression(TextSpan Span, Expression Inner) : Expression(Span);

public sealed record UnaryExpression(TextSpan Span, UnaryOperator Operator, Expression Operand) : Expression(Span);

public sealed record BinaryExpression(TextSpan Span, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Span);

/// <summary>A comparison chain such as <c>a &lt; b &lt;= c</c>: one operator per comparator.</summary>
public sealed record CompareExpression(TextSpan Span, Expression Left, ImmutableArray<CompareOperator> Operators, ImmutableArray<Expression> Comparators) : Expression(Span);

/// <summary><c>value as Type</c>.</summary>
public sealed record AsExpression(TextSpan Span, Expression Value, TypeNode Type) : Expression(Span);

/// <summary><c>body if condition else orElse</c>.</summary>
public sealed record IfExpression(TextSpan Span, Expression Body, Expression Condition, Expression OrElse) : Expression(Span);

/// <summary><c>*value</c> inside a list literal.</summary>
public sealed record StarredExpression(TextSpan Span, Expression Value) : Expression(Span);

/// <summary>A list literal: items are expressions, <see cref="StarredExpression"/>s and <see cref="ListIfItem"/>s.</summary>
public sealed record ListExpression(TextSpan Span, ImmutableArray<Expression> Items) : Expression(Span);

/// <summary><c>if cond: items elif …: … else: …</c> inside a list literal. <see cref="OrElse"/> is another ListIfItem (elif) or a plain item list.</summary>
public sealed record ListIfItem(TextSpan Span, Expression Condition, ImmutableArray<Expression> Items, ListIfItem? ElseIf, ImmutableArray<Expression> Else) : Expression(Span);

/// <summary>Base of what a config literal holds.</summary>
public abstract record ConfigItem(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>key: value</c>, <c>key = value</c> or <c>key += value</c>; a key may be a dotted path
/// (<see cref="SelectorExpression"/> chain of names, meaning nested configs), a name, a string or any expression.
/// <c>**value</c> unpacking has <see cref="Key"/> null.
/// </summary>
public sealed record ConfigEntry(TextSpan Span, Expression? Key, ConfigOperation Operation, Expression Value) : ConfigItem(Span);

/// <summary><c>if cond: entries elif …: … else: …</c> inside a config literal.</summary>
public sealed record ConfigIfEntry(TextSpan Span, Expression Condition, ImmutableArray<ConfigItem> Items, ConfigIfEntry? ElseIf, ImmutableArray<ConfigItem> Else) : ConfigItem(Span);

/// <summary>A config (dict) literal <c>{ … }</c>.</summary>
public sealed record ConfigExpression(TextSpan Span, ImmutableArray<ConfigItem> Items) : Expression(Span);

/// <summary><c>for a, b in iter if cond</c> in a comprehension.</summary>
public sealed record ComprehensionClause(TextSpan Span, ImmutableArray<Identifier> Targets, Expression Iterable, ImmutableArray<Expression> Conditions) : SyntaxNode(Span);

public sealed record ListComprehension(TextSpan Span, Expression Element, ImmutableArray<ComprehensionClause> Clauses) : Expression(Span);

/// <summary><c>{key: value for … in …}</c>; <see cref="Operation"/> is the entry operator used.</summary>
public sealed record DictComprehension(TextSpan Span, Expression Key, ConfigOperation Operation, Expression Value, ImmutableArray<ComprehensionClause> Clauses) : Expression(Span);

/// <summary><c>all x in xs { test if cond }</c> and its <c>any</c>/<c>map</c>/<c>filter</c> siblings.</summary>
public sealed record QuantifierExpression(TextSpan Span, QuantifierKind Kind, ImmutableArray<Identifier> Targets, Expression Iterable, Expression Test, Expression? Condition) : Expression(Span);

public sealed record Parameter(TextSpan Span, Identifier Name, TypeNode? Type, Expression? Default) : SyntaxNode(Span);

/// <summary><c>lambda x: int, y = 1 -&gt; int { body }</c>; the value is the last expression statement.</summary>
public sealed record LambdaExpression(TextSpan Span, ImmutableArray<Parameter> Parameters, TypeNode? ReturnType, ImmutableArray<Statement> Body) : Expression(Span);

/// <summary>
/// Schema instantiation: <c>Name {…}</c> or <c>Name(args) {…}</c>. <see cref="Name"/> is a
/// <see cref="NameExpression"/> or a <see cref="SelectorExpression"/> (<c>pkg.Name</c>).
/// </summary>
public sealed record SchemaExpression(TextSpan Span, Expression Name, ImmutableArray<Expression> Arguments, ImmutableArray<KeywordArgument> Keywords, ConfigExpression Config) : Expression(Span);

/// <summary>An expression the parser could not read; it carries the span and a diagnostic was already reported.</summary>
public sealed record BadExpression(TextSpan Span) : Expression(Span);
