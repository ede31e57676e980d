using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Syntax;

public abstract record Statement(TextSpan Span) : SyntaxNode(Span);

/// <summary>One or more expressions on a line (<c>a, b</c> is allowed at statement level).</summary>
public sealed record ExpressionStatement(TextSpan Span, ImmutableArray<Expression> Expressions) : Statement(Span);

/// <summary>
/// <c>a = b = value</c>, <c>a: T = value</c>, <c>a.b[0] = value</c>. Targets are
/// <see cref="NameExpression"/>, <see cref="SelectorExpression"/> or <see cref="IndexExpression"/>.
/// </summary>
public sealed record AssignStatement(TextSpan Span, ImmutableArray<Expression> Targets, TypeNode? Type, Expression Value) : Statement(Span);

/// <summary><c>target op= value</c>; <see cref="Operator"/> is the binary operator of the augmented form.</summary>
public sealed record AugmentedAssignStatement(TextSpan Span, Expression Target, BinaryOperator Operator, Expression Value) : Statement(Span);

/// <summary><c>name: Schema {…}</c> at module level: unify the name with a schema instance.</summary>
public sealed record UnificationStatement(TextSpan Span, NameExpression Target, SchemaExpression Value) : Statement(Span);

/// <summary><c>if</c> with its body; an <c>elif</c> is a nested IfStatement alone in <see cref="Else"/>.</summary>
public sealed record IfStatement(TextSpan Span, Expression Condition, ImmutableArray<Statement> Body, ImmutableArray<Statement> Else) : Statement(Span);

/// <summary><c>assert test if condition, message</c>.</summary>
public sealed record AssertStatement(TextSpan Span, Expression Test, Expression? Condition, Expression? Message) : Statement(Span);

/// <summary><c>import a.b.c as alias</c>; a leading dot means a path relative to the importing file's package.</summary>
public sealed record ImportStatement(TextSpan Span, string Path, Identifier? Alias) : Statement(Span)
{
    /// <summary>The name the import binds: the alias, or the last part of the path.</summary>
    public string Name => Alias?.Name ?? Path.TrimStart('.').Split('.')[^1];
}

/// <summary><c>type Name = T</c>.</summary>
public sealed record TypeAliasStatement(TextSpan Span, Identifier Name, TypeNode Type) : Statement(Span);

/// <summary><c>@name(args)</c> before a schema, rule or schema attribute.</summary>
public sealed record Decorator(TextSpan Span, Identifier Name, ImmutableArray<Expression> Arguments, ImmutableArray<KeywordArgument> Keywords) : SyntaxNode(Span);

/// <summary>
/// A schema attribute declaration: <c>name?: T = value</c> (or with <c>|=</c>-style operators KCL does not have:
/// only <c>=</c> defaults). <see cref="Value"/> is the default, <see cref="IsOptional"/> the <c>?</c>.
/// Names may be string literals in KCL (<c>"key": T</c>), kept in <see cref="Name"/> as the plain text.
/// </summary>
public sealed record SchemaAttribute(TextSpan Span, Identifier Name, TypeNode Type, bool IsOptional, Expression? Value, ConfigOperation? Operation, ImmutableArray<Decorator> Decorators) : Statement(Span);

/// <summary>
/// <c>[name: K]: V = default</c> or <c>[...K]: V</c> in a schema body. <see cref="KeyName"/> is the
/// optional key variable; <see cref="AnyOther"/> is the <c>...</c> form.
/// </summary>
public sealed record SchemaIndexSignature(TextSpan Span, Identifier? KeyName, TypeNode KeyType, TypeNode ValueType, Expression? Value, bool AnyOther) : SyntaxNode(Span);

/// <summary>One condition of a check block, or of a rule: <c>test if condition, "message"</c>.</summary>
public sealed record CheckCondition(TextSpan Span, Expression Test, Expression? Condition, Expression? Message) : SyntaxNode(Span);

/// <summary>
/// <c>schema Name[args](Parent): body</c>, also <c>mixin</c> and <c>protocol</c>. The body holds
/// attribute declarations and ordinary statements in order; <see cref="Checks"/> is the check block.
/// </summary>
public sealed record SchemaStatement(
    TextSpan Span,
    Identifier Name,
    string? Docstring,
    Expression? Parent,
    Expression? ForHost,
    bool IsMixin,
    bool IsProtocol,
    ImmutableArray<Expression> Mixins,
    ImmutableArray<Parameter> Parameters,
    ImmutableArray<Statement> Body,
    SchemaIndexSignature? IndexSignature,
    ImmutableArray<CheckCondition> Checks,
    ImmutableArray<Decorator> Decorators) : Statement(Span);

/// <summary><c>rule Name[args](Parents) for Protocol: conditions</c>.</summary>
public sealed record RuleStatement(
    TextSpan Span,
    Identifier Name,
    string? Docstring,
    ImmutableArray<Expression> Parents,
    Expression? ForHost,
    ImmutableArray<Parameter> Parameters,
    ImmutableArray<CheckCondition> Checks,
    ImmutableArray<Decorator> Decorators) : Statement(Span);

/// <summary>A parsed file: its statements in order and the module docstring, if any.</summary>
public sealed record ModuleSyntax(TextSpan Span, SourceFile File, string? Docstring, ImmutableArray<Statement> Body) : SyntaxNode(Span);
