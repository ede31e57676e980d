namespace Konfig.Kcl.Syntax;

/// <summary>
/// The child nodes of a node, in source order. One place that knows every node's shape, so walkers
/// (printing back, formatting, rewriting) do not each need their own switch over the node types.
/// </summary>
public static class SyntaxChildren
{
    public static List<SyntaxNode> Of(SyntaxNode node)
    {
        var children = new List<SyntaxNode>();
        Collect(node, children);

        // Record fields are not always in source order (decorators precede a schema's name, an index
        // signature sits among the body's statements), so order by position once here.
        children.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return children;
    }

    private static void Collect(SyntaxNode node, List<SyntaxNode> into)
    {
        switch (node)
        {
            case ModuleSyntax m: into.AddRange(m.Body); break;
            case ExpressionStatement s: into.AddRange(s.Expressions); break;
            case AssignStatement s: into.AddRange(s.Targets); Add(into, s.Type); into.Add(s.Value); break;
            case AugmentedAssignStatement s: into.Add(s.Target); into.Add(s.Value); break;
            case UnificationStatement s: into.Add(s.Target); into.Add(s.Value); break;
            case IfStatement s: into.Add(s.Condition); into.AddRange(s.Body); into.AddRange(s.Else); break;
            case AssertStatement s: into.Add(s.Test); Add(into, s.Condition); Add(into, s.Message); break;
            case ImportStatement s: Add(into, s.Alias); break;
            case TypeAliasStatement s: into.Add(s.Name); into.Add(s.Type); break;
            case Decorator d: into.Add(d.Name); into.AddRange(d.Arguments); into.AddRange(d.Keywords); break;
            case SchemaAttribute a: into.AddRange(a.Decorators); into.Add(a.Name); into.Add(a.Type); Add(into, a.Value); break;
            case SchemaIndexSignature i: Add(into, i.KeyName); into.Add(i.KeyType); into.Add(i.ValueType); Add(into, i.Value); break;
            case CheckCondition c: into.Add(c.Test); Add(into, c.Condition); Add(into, c.Message); break;
            case SchemaStatement s:
                into.AddRange(s.Decorators);
                into.Add(s.Name);
                into.AddRange(s.Parameters);
                Add(into, s.Parent);
                Add(into, s.ForHost);
                into.AddRange(s.Mixins);
                into.AddRange(s.Body);
                Add(into, s.IndexSignature);
                into.AddRange(s.Checks);
                break;
            case RuleStatement r:
                into.AddRange(r.Decorators);
                into.Add(r.Name);
                into.AddRange(r.Parameters);
                into.AddRange(r.Parents);
                Add(into, r.ForHost);
                into.AddRange(r.Checks);
                break;
            case SelectorExpression e: into.Add(e.Value); into.Add(e.Attribute); break;
            case IndexExpression e: into.Add(e.Value); into.Add(e.Index); break;
            case SliceExpression e: into.Add(e.Value); Add(into, e.Lower); Add(into, e.Upper); Add(into, e.Step); break;
            case KeywordArgument k: into.Add(k.Name); into.Add(k.Value); break;
            case CallExpression e: into.Add(e.Function); into.AddRange(e.Arguments); into.AddRange(e.Keywords); break;
            case FormattedValue e: into.Add(e.Value); break;
            case JoinedString e: into.AddRange(e.Parts); break;
            case ParenthesizedExpression e: into.Add(e.Inner); break;
            case UnaryExpression e: into.Add(e.Operand); break;
            case BinaryExpression e: into.Add(e.Left); into.Add(e.Right); break;
            case CompareExpression e: into.Add(e.Left); into.AddRange(e.Comparators); break;
            case AsExpression e: into.Add(e.Value); into.Add(e.Type); break;
            case IfExpression e: into.Add(e.Body); into.Add(e.Condition); into.Add(e.OrElse); break;
            case StarredExpression e: into.Add(e.Value); break;
            case ListExpression e: into.AddRange(e.Items); break;
            case ListIfItem e: into.Add(e.Condition); into.AddRange(e.Items); Add(into, e.ElseIf); into.AddRange(e.Else); break;
            case ConfigEntry e: Add(into, e.Key); into.Add(e.Value); break;
            case ConfigIfEntry e: into.Add(e.Condition); into.AddRange(e.Items); Add(into, e.ElseIf); into.AddRange(e.Else); break;
            case ConfigExpression e: into.AddRange(e.Items); break;
            case ComprehensionClause c: into.AddRange(c.Targets); into.Add(c.Iterable); into.AddRange(c.Conditions); break;
            case ListComprehension e: into.Add(e.Element); into.AddRange(e.Clauses); break;
            case DictComprehension e: into.Add(e.Key); into.Add(e.Value); into.AddRange(e.Clauses); break;
            case QuantifierExpression e: into.AddRange(e.Targets); into.Add(e.Iterable); into.Add(e.Test); Add(into, e.Condition); break;
            case Parameter p: into.Add(p.Name); Add(into, p.Type); Add(into, p.Default); break;
            case LambdaExpression e: into.AddRange(e.Parameters); Add(into, e.ReturnType); into.AddRange(e.Body); break;
            case SchemaExpression e: into.Add(e.Name); into.AddRange(e.Arguments); into.AddRange(e.Keywords); into.Add(e.Config); break;
            case ListType t: Add(into, t.Element); break;
            case DictType t: Add(into, t.Key); Add(into, t.Value); break;
            case UnionType t: into.AddRange(t.Types); break;
            case FunctionType t: into.AddRange(t.Parameters); Add(into, t.Return); break;

            // Leaves: names, literals, named and literal types, bad expressions.
            default: break;
        }
    }

    private static void Add(List<SyntaxNode> into, SyntaxNode? node)
    {
        if (node is not null)
        {
            into.Add(node);
        }
    }
}
