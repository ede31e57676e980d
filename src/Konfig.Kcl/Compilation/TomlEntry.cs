using Tomlyn.Syntax;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// One key of a TOML document read from Tomlyn's syntax tree, with the node it was written at: a table
/// (<see cref="Table"/> set: a <c>[header]</c>, dotted keys or an inline table) or a single value (a
/// <see cref="ValueSyntax"/>, or the header of an array of tables). Reading the syntax tree rather than
/// Tomlyn's reflection-based serializer keeps positions for error messages and stays trimming/AOT-safe.
/// </summary>
internal sealed record TomlEntry(SyntaxNode Syntax, Dictionary<string, TomlEntry>? Table)
{
    /// <summary>The document's keys. Call only on a document without errors: Tomlyn's validation has
    /// already rejected duplicate keys and redefined tables, so keys are merged without checks here.</summary>
    public static Dictionary<string, TomlEntry> ReadDocument(DocumentSyntax document)
    {
        var root = NewTable();
        AddKeyValues(root, document.KeyValues);
        foreach (var table in document.Tables)
        {
            var keys = KeyParts(table.Name!);
            if (table is TableArraySyntax)
            {
                // kcl.mod has no arrays of tables: keep only where the first one is, for type errors.
                Descend(root, keys[..^1], table).TryAdd(keys[^1], new TomlEntry(table, null));
                continue;
            }

            AddKeyValues(Descend(root, keys, table), table.Items);
        }

        return root;
    }

    /// <summary>What the entry holds, for messages: "a table", "a string", "an integer"...</summary>
    public string Describe() => Table is not null ? "a table" : Syntax switch
    {
        StringValueSyntax => "a string",
        IntegerValueSyntax => "an integer",
        FloatValueSyntax => "a float",
        BooleanValueSyntax => "a boolean",
        DateTimeValueSyntax => "a date-time",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        TableArraySyntax => "an array of tables",
        _ => "a value",
    };

    private static void AddKeyValues(Dictionary<string, TomlEntry> table, IEnumerable<KeyValueSyntax> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            var keys = KeyParts(keyValue.Key!);
            Descend(table, keys[..^1], keyValue)[keys[^1]] = ToEntry(keyValue.Value!);
        }
    }

    private static TomlEntry ToEntry(ValueSyntax value)
    {
        if (value is not InlineTableSyntax inline)
        {
            return new TomlEntry(value, null);
        }

        var table = NewTable();
        AddKeyValues(table, inline.Items.Select(item => item.KeyValue!));
        return new TomlEntry(value, table);
    }

    /// <summary>The table at <paramref name="keys"/> below <paramref name="table"/>, created (at
    /// <paramref name="syntax"/>) where missing.</summary>
    private static Dictionary<string, TomlEntry> Descend(Dictionary<string, TomlEntry> table, string[] keys, SyntaxNode syntax)
    {
        foreach (var key in keys)
        {
            if (!table.TryGetValue(key, out var entry))
            {
                entry = new TomlEntry(syntax, NewTable());
                table[key] = entry;
            }

            // In a valid document only an array of tables is not a table here ([[a]] then [a.b]):
            // its contents are never read for kcl.mod, so they go to a table nobody keeps.
            table = entry.Table ?? NewTable();
        }

        return table;
    }

    private static string[] KeyParts(KeySyntax key) =>
        [KeyText(key.Key!), .. key.DotKeys.Select(dotted => KeyText(dotted.Key!))];

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key!.Text!,
        StringValueSyntax quoted => quoted.Value!,
        _ => throw new InvalidOperationException($"unexpected TOML key node {key.GetType().Name}"),
    };

    private static Dictionary<string, TomlEntry> NewTable() => new(StringComparer.Ordinal);
}
