using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Selection;

/// <summary>How a <see cref="MetadataFilter"/> compares a field with its value.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
}

/// <summary>
/// One condition on a stack's metadata, such as <c>name=prod</c> or <c>project!=legacy</c>. The fields are
/// what the workspace reads for a stack: <c>name</c> (stack.yaml), <c>project</c> and <c>tenant</c>
/// (the project's project.yaml) and <c>path</c> (the stack folder, relative to the workspace root).
/// Values compare exactly (ordinal); a missing tenant compares as the empty string.
/// </summary>
public sealed record MetadataFilter(string Field, FilterOperator Operator, string Value)
{
    public static IReadOnlyList<string> Fields { get; } = ["name", "path", "project", "tenant"];

    /// <summary>Reads <c>FIELD=VALUE</c> or <c>FIELD!=VALUE</c>; an error message instead when it is neither or the field is unknown.</summary>
    public static (MetadataFilter? Filter, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notEqual = text.IndexOf("!=", StringComparison.Ordinal);
        var equal = text.IndexOf('=', StringComparison.Ordinal);
        var (index, length, op) = notEqual >= 0 && notEqual < equal
            ? (notEqual, 2, FilterOperator.NotEqual)
            : (equal, 1, FilterOperator.Equal);
        if (index <= 0)
        {
            return (null, $"filter '{text}' must be FIELD=VALUE or FIELD!=VALUE, with FIELD one of {string.Join(", ", Fields)}");
        }

        var field = text[..index].Trim();
        if (!Fields.Contains(field, StringComparer.Ordinal))
        {
            return (null, $"filter '{text}': unknown field '{field}'; stacks have {string.Join(", ", Fields)}");
        }

        return (new MetadataFilter(field, op, text[(index + length)..].Trim()), null);
    }

    public bool Matches(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var actual = Field switch
        {
            "name" => stack.Name,
            "path" => stack.Path,
            "project" => stack.Project.Name,
            "tenant" => stack.Project.Tenant ?? string.Empty,
            _ => throw new InvalidOperationException($"unknown field {Field}"),
        };
        var same = string.Equals(actual, Value, StringComparison.Ordinal);
        return Operator == FilterOperator.Equal ? same : !same;
    }

    public override string ToString() => Field + (Operator == FilterOperator.Equal ? "=" : "!=") + Value;
}
