using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

/// <summary>A schema attribute: its declared type, whether it is optional, and where it is declared.</summary>
internal sealed record SchemaAttributeSymbol(string Name, KclType Type, bool IsOptional, bool HasDefault, TextSpan? Span);

/// <summary><c>[name: K]: V</c> of a schema.</summary>
internal sealed record IndexSignatureSymbol(string? KeyName, KclType KeyType, KclType ValueType, bool AnyOther)
{
    public override string ToString() =>
        (KeyName is null ? "[" : "[" + KeyName + ": ") + (AnyOther ? "..." : string.Empty) + KeyType + "]: " + ValueType;
}

/// <summary>
/// A schema, mixin, protocol or rule as the checker knows it: its own attributes (mixins merged in),
/// its base and protocol, parameters and index signature. Built once per declaration.
/// </summary>
internal sealed class SchemaSymbol(string name, string packagePath, SyntaxNode declaration)
{
    public string Name { get; } = name;

    public string PackagePath { get; } = packagePath;

    public SyntaxNode Declaration { get; } = declaration;

    public bool IsMixin { get; init; }

    public bool IsProtocol { get; init; }

    public bool IsRule { get; init; }

    public SchemaSymbol? Base { get; set; }

    public SchemaSymbol? Protocol { get; set; }

    /// <summary>
    /// True when part of the schema could not be resolved (a parent that is not a schema, a parent from a
    /// package that failed): the checker then treats unknown attributes as allowed.
    /// </summary>
    public bool IsOpen { get; set; }

    public Dictionary<string, SchemaAttributeSymbol> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Attribute names in declaration order (dictionary order is not guaranteed).</summary>
    public List<string> AttributeOrder { get; } = [];

    public ImmutableArray<ParameterSymbol> Parameters { get; set; } = [];

    public IndexSignatureSymbol? IndexSignature { get; set; }

    public BuildState State { get; set; }

    /// <summary>The type string with its package, used to tell same-named schemas of different packages apart.</summary>
    public string QualifiedName => PackagePath is "" or "__main__" ? Name : "@" + PackagePath + "." + Name;

    public SchemaAttributeSymbol? GetAttribute(string attribute) => GetAttribute(attribute, []);

    /// <summary>A broken program can make a mixin its own protocol (an error is reported): each schema is looked at once.</summary>
    private SchemaAttributeSymbol? GetAttribute(string attribute, HashSet<SchemaSymbol> seen)
    {
        for (var schema = this; schema is not null && seen.Add(schema); schema = schema.Base)
        {
            if (schema.Attributes.TryGetValue(attribute, out var found))
            {
                return found;
            }

            if (schema.Protocol?.GetAttribute(attribute, seen) is { } fromProtocol)
            {
                return fromProtocol;
            }
        }

        return null;
    }

    /// <summary>Index signature of this schema or the nearest ancestor that has one.</summary>
    public IndexSignatureSymbol? GetIndexSignature()
    {
        for (var schema = this; schema is not null; schema = schema.Base)
        {
            if (schema.IndexSignature is not null)
            {
                return schema.IndexSignature;
            }
        }

        return null;
    }

    /// <summary>Whether some ancestor is open (unresolved) or a mixin/protocol that may receive anything.</summary>
    public bool AcceptsUnknownAttributes() => AcceptsUnknownAttributesBesidesIndexSignature() || GetIndexSignature() is not null;

    public bool AcceptsUnknownAttributesBesidesIndexSignature()
    {
        for (var schema = this; schema is not null; schema = schema.Base)
        {
            if (schema.IsOpen || schema.IsMixin || schema.IsProtocol)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSubSchemaOf(SchemaSymbol other)
    {
        for (var schema = this; schema is not null; schema = schema.Base)
        {
            if (string.Equals(schema.QualifiedName, other.QualifiedName, StringComparison.Ordinal) || schema.IsSameDeclaration(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether both symbols come from one schema statement: a file imported both with its folder
    /// (<c>import pkg</c>) and on its own (<c>import pkg.file</c>) declares its schemas twice, as one type.
    /// </summary>
    public bool IsSameDeclaration(SchemaSymbol other) =>
        ReferenceEquals(Declaration, other.Declaration)
        || (Declaration.Span.Start == other.Declaration.Span.Start
            && string.Equals(Declaration.Span.File.Path, other.Declaration.Span.File.Path, StringComparison.Ordinal));
}

internal enum BuildState
{
    NotBuilt,
    Building,
    Built,
}
