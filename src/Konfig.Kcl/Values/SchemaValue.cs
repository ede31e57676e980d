namespace Konfig.Kcl.Values;

/// <summary>
/// A schema instance: a dict of attributes that also knows its schema. <see cref="Schema"/> is the
/// evaluator's description of the schema type; emitters only need <see cref="Name"/> and the entries.
/// </summary>
public sealed class SchemaValue(string name, string packagePath, object? schema) : DictValue
{
    public string Name { get; } = name;

    /// <summary>The package that defines the schema (<c>__main__</c> for the main package).</summary>
    public string PackagePath { get; } = packagePath;

    /// <summary>The evaluator's schema type object (opaque here).</summary>
    public object? Schema { get; } = schema;

    /// <summary>Attribute names the user's config set explicitly (as opposed to defaults).</summary>
    public HashSet<string> ConfigKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The positional arguments the instance was created with (<c>S(1, 2) {…}</c>), for re-evaluation after a merge.</summary>
    public IReadOnlyList<KclValue>? Arguments { get; set; }

    public IReadOnlyList<KeyValuePair<string, KclValue>>? Keywords { get; set; }

    /// <summary>Where the instance was created (its schema expression), for errors found later.</summary>
    public Text.TextSpan? Origin { get; set; }

    /// <summary>
    /// Made while another schema's body ran (not by a config written at the top level): the required-attribute
    /// check of an enclosing instance reaches it only through schema-typed attributes, as older KCL did.
    /// </summary>
    public bool MadeInSchemaBody { get; set; }

    public override string TypeName => Name;

    public override bool IsTruthy => true;

    public override DictValue ShallowCopy()
    {
        var copy = new SchemaValue(Name, PackagePath, Schema);
        CopyTo(copy);
        copy.ConfigKeys.UnionWith(ConfigKeys);
        copy.Arguments = Arguments;
        copy.Keywords = Keywords;
        copy.Origin = Origin;
        copy.MadeInSchemaBody = MadeInSchemaBody;
        return copy;
    }
}
