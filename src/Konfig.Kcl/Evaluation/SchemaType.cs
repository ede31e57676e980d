using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>A declared schema attribute: its type, optionality and where it was declared.</summary>
internal sealed record AttributeInfo(string Name, TypeNode Type, bool IsOptional, SchemaType Owner, Statement Node);

/// <summary>
/// A schema (or mixin, protocol, rule) type as a runtime value. Calling it (<c>S(args)</c>)
/// instantiates it with an empty config. Parents and mixins are resolved on first use.
/// </summary>
internal sealed class SchemaType : FunctionValue
{
    private List<SchemaType>? _chain;
    private Dictionary<string, AttributeInfo>? _attributes;
    private bool _resolved;

    public SchemaType(SchemaStatement node, PackageState package, ModuleSyntax module)
        : base(node.Name.Name)
    {
        Node = node;
        Package = package;
        Module = module;
    }

    public SchemaType(RuleStatement node, PackageState package, ModuleSyntax module)
        : base(node.Name.Name)
    {
        RuleNode = node;
        Package = package;
        Module = module;
    }

    public SchemaStatement? Node { get; }

    public RuleStatement? RuleNode { get; }

    public bool IsRule => RuleNode is not null;

    public bool IsMixin => Node?.IsMixin ?? false;

    public bool IsProtocol => Node?.IsProtocol ?? false;

    public PackageState Package { get; }

    public ModuleSyntax Module { get; }

    public SchemaType? Parent { get; private set; }

    public List<SchemaType> Mixins { get; } = [];

    /// <summary>Parent rules of a rule.</summary>
    public List<SchemaType> RuleParents { get; } = [];

    public IEnumerable<Parameter> Parameters => Node is not null ? Node.Parameters : RuleNode!.Parameters;

    public IEnumerable<CheckCondition> Checks => Node is not null ? Node.Checks : RuleNode!.Checks;

    public IEnumerable<Decorator> Decorators => Node is not null ? Node.Decorators : RuleNode!.Decorators;

    /// <summary>kcl calls a schema itself, as opposed to its instances, a <c>type</c>: <c>typeof(Person) == "type"</c>.</summary>
    public override string TypeName => "type";

    public override string ToString() => Name;

    public bool IsResolved => _resolved;

    public void SetResolved(SchemaType? parent, IEnumerable<SchemaType> mixins, IEnumerable<SchemaType> ruleParents)
    {
        Parent = parent;
        Mixins.AddRange(mixins);
        RuleParents.AddRange(ruleParents);
        _resolved = true;
    }

    /// <summary>Root parent first, this type last (mixins not included).</summary>
    public List<SchemaType> InheritanceChain
    {
        get
        {
            if (_chain is null)
            {
                var chain = new List<SchemaType>();
                for (var type = this; type is not null && chain.Count < 100; type = type.Parent)
                {
                    chain.Insert(0, type);
                }

                _chain = chain;
            }

            return _chain;
        }
    }

    /// <summary>All declared attributes: parents', own, then mixins'.</summary>
    public Dictionary<string, AttributeInfo> Attributes
    {
        get
        {
            if (_attributes is null)
            {
                var attributes = new Dictionary<string, AttributeInfo>(StringComparer.Ordinal);
                foreach (var type in InheritanceChain)
                {
                    type.CollectOwnAttributes(attributes);
                    foreach (var mixin in type.Mixins)
                    {
                        mixin.CollectOwnAttributes(attributes);
                    }
                }

                _attributes = attributes;
            }

            return _attributes;
        }
    }

    public SchemaIndexSignature? IndexSignature
    {
        get
        {
            for (var type = this; type is not null; type = type.Parent)
            {
                if (type.Node?.IndexSignature is { } signature)
                {
                    return signature;
                }
            }

            return null;
        }
    }

    public SchemaType? IndexSignatureOwner
    {
        get
        {
            for (var type = this; type is not null; type = type.Parent)
            {
                if (type.Node?.IndexSignature is not null)
                {
                    return type;
                }
            }

            return null;
        }
    }

    public bool IsSubtypeOf(SchemaType other)
    {
        for (var type = this; type is not null; type = type.Parent)
        {
            if (ReferenceEquals(type, other))
            {
                return true;
            }
        }

        return false;
    }

    public override KclValue Invoke(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords) =>
        ((Evaluator)context).Instantiate(this, new DictValue(), arguments, keywords, null, null);

    private void CollectOwnAttributes(Dictionary<string, AttributeInfo> attributes)
    {
        if (Node is null)
        {
            return;
        }

        CollectFrom(Node.Body, attributes);
    }

    private static System.Collections.Immutable.ImmutableArray<string>? TypeNameOf(Expression expression) => expression switch
    {
        NameExpression name => [name.Name],
        SelectorExpression { Value: NameExpression package } selector => [package.Name, selector.Attribute.Name],
        _ => null,
    };

    private void CollectFrom(IEnumerable<Statement> body, Dictionary<string, AttributeInfo> attributes)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case SchemaAttribute attribute:
                    attributes[attribute.Name.Name] = new AttributeInfo(attribute.Name.Name, attribute.Type, attribute.IsOptional, this, attribute);
                    break;
                case UnificationStatement unification when TypeNameOf(unification.Value.Name) is { } typeName:
                    attributes[unification.Target.Name] = new AttributeInfo(unification.Target.Name, new NamedType(unification.Value.Name.Span, typeName), false, this, unification);
                    break;
                case IfStatement ifStatement:
                    CollectFrom(ifStatement.Body, attributes);
                    CollectFrom(ifStatement.Else, attributes);
                    break;
            }
        }
    }
}
