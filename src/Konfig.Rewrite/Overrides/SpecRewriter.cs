using Konfig.Kcl.Formatting;
using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Applies one spec to one parsed file with KCL's override rules, recording text edits instead of
/// changing the tree. Only top-level statements are looked at (not the bodies of if, schema or lambda);
/// a field path goes into the first statement it applies to; a variable path into every plain
/// assignment of it. Where nothing matches, <c>=</c>, <c>:</c> and <c>+=</c> insert what is missing.
/// </summary>
internal sealed partial class SpecRewriter
{
    private readonly string _text;
    private readonly ModuleSyntax _module;
    private readonly OverrideSpec _spec;
    private readonly Expression? _value;
    private readonly EditList _edits = new();
    private readonly Dictionary<ConfigExpression, List<PendingEntry>> _entryInserts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ListExpression, List<Expression>> _listAppends = new(ReferenceEqualityComparer.Instance);
    private readonly List<ConfigExpression> _insertOrder = [];
    private readonly List<string> _newStatements = [];
    private readonly bool _addMissingVariables;

    private SpecRewriter(ModuleSyntax module, OverrideSpec spec, Expression? value, bool addMissingVariables)
    {
        _addMissingVariables = addMissingVariables;
        _text = module.File.Text;
        _module = module;
        _spec = spec;
        _value = value;
    }

    private bool IsDelete => _spec.Operation == OverrideOperation.Delete;

    /// <summary>Runs the spec; the step's edits are on the module's text. Throws <see cref="OverrideNotApplicableException"/> for specs that cannot apply.</summary>
    public static OverrideStep Run(ModuleSyntax module, OverrideSpec spec, Expression? value, bool addMissingVariables)
    {
        var rewriter = new SpecRewriter(module, spec, value, addMissingVariables);
        var matched = spec.FieldPath.IsEmpty ? rewriter.ApplyToVariable() : rewriter.ApplyToField();
        rewriter.MaterializeInserts();
        return new OverrideStep(spec, matched, [.. rewriter._edits.Normalized()]);
    }

    private bool ApplyToVariable()
    {
        var matched = false;
        foreach (var statement in _module.Body)
        {
            switch (statement)
            {
                case AssignStatement { Targets: [NameExpression name] } assign when name.Name == _spec.Target:
                    matched |= IsDelete ? DeleteStatement(assign) : OverrideStatementValue(assign.Value);
                    break;
                case AugmentedAssignStatement { Target: NameExpression name } augmented when name.Name == _spec.Target && !IsDelete:
                    matched |= OverrideStatementValue(augmented.Value);
                    break;
                case UnificationStatement unification when unification.Target.Name == _spec.Target:
                    matched |= IsDelete ? DeleteStatement(unification) : OverrideUnification(unification);
                    break;
            }
        }

        if (!matched && !IsDelete && _addMissingVariables)
        {
            AppendStatement();
            matched = true;
        }

        return matched;
    }

    private bool ApplyToField()
    {
        foreach (var statement in _module.Body)
        {
            var config = statement switch
            {
                UnificationStatement unification when unification.Target.Name == _spec.Target => unification.Value.Config,
                AssignStatement assign when AssignsTarget(assign) => SyntaxPaths.ConfigOf(assign.Value),
                _ => null,
            };
            if (config is not null && ReplaceInConfig(config, _spec.FieldPath, _spec.Operation, _value))
            {
                return true;
            }
        }

        if (IsDelete || !_addMissingVariables)
        {
            return false;
        }

        AppendStatement();
        return true;
    }

    private bool AssignsTarget(AssignStatement assign)
    {
        if (SyntaxPaths.ConfigOf(assign.Value) is null || !assign.Targets.Any(t => t is NameExpression name && name.Name == _spec.Target))
        {
            return false;
        }

        // KCL first splits `a = b = {...}` into one statement per name; rewriting the text that way
        // would touch more than the spec asks, so ask for the split instead.
        return assign.Targets.Length == 1
            ? true
            : throw new OverrideNotApplicableException(
                $"Cannot apply spec '{_spec.Text}': '{_spec.Target}' shares an assignment with other names at {assign.Span}; split it into one assignment per name first");
    }

    /// <summary>A variable's value under <c>=</c>, <c>:</c> or <c>+=</c>: KCL's rules for top-level statements.</summary>
    private bool OverrideStatementValue(Expression existing)
    {
        var value = _value!;
        switch (_spec.Operation)
        {
            case OverrideOperation.Union when value is ConfigExpression merged:
                return SyntaxPaths.ConfigOf(existing) is { } config && MergeConfig(config, merged);
            case OverrideOperation.Union when value is SchemaExpression mergedSchema:
                return existing is SchemaExpression schema && SameSchema(schema, mergedSchema) && MergeConfig(schema.Config, mergedSchema.Config);
            case OverrideOperation.Append:
                return value is ListExpression items && existing is ListExpression list && AppendToList(list, items);
            default:
                ReplaceValue(existing, value);
                return true;
        }
    }

    /// <summary><c>name: Schema {...}</c> can be merged into, or replaced by another schema instance, nothing else.</summary>
    private bool OverrideUnification(UnificationStatement unification)
    {
        var value = _value!;
        if (_spec.Operation == OverrideOperation.Union)
        {
            return value switch
            {
                ConfigExpression merged => MergeConfig(unification.Value.Config, merged),
                SchemaExpression schema => SameSchema(unification.Value, schema) && MergeConfig(unification.Value.Config, schema.Config),
                _ => false,
            };
        }

        if (value is SchemaExpression)
        {
            ReplaceValue(unification.Value, value);
            return true;
        }

        return false;
    }

    private static bool SameSchema(SchemaExpression existing, SchemaExpression merged) =>
        SyntaxPaths.DottedName(existing.Name) is { } name && name == SyntaxPaths.DottedName(merged.Name);

    /// <summary>
    /// KCL's recursive walk of a config along path parts. Every entry whose key matches is visited
    /// (configs may repeat a key); a dotted key <c>a.b.c: v</c> counts as the nested configs it stands for.
    /// When the walk ends without a change, <c>=</c>, <c>:</c> and <c>+=</c> add an entry for the remaining parts.
    /// </summary>
    private bool ReplaceInConfig(ConfigExpression config, ImmutableArray<string> parts, OverrideOperation operation, Expression? value)
    {
        var changed = false;
        var deleted = false;
        foreach (var entry in config.Items.OfType<ConfigEntry>())
        {
            var key = SyntaxPaths.KeyParts(entry.Key);
            if (key.IsEmpty || key[0] != parts[0])
            {
                continue;
            }

            var common = CommonPrefix(key, parts);
            if (common < Math.Min(key.Length, parts.Length))
            {
                // The path leaves the dotted key part way: KCL adds the rest beside it, as we do below.
                continue;
            }

            if (key.Length < parts.Length)
            {
                if (SyntaxPaths.ConfigOf(entry.Value) is { } inner)
                {
                    changed = ReplaceInConfig(inner, parts[key.Length..], operation, value);
                }
            }
            else if (key.Length > parts.Length)
            {
                changed = ApplyToDottedPrefix(config, entry, key[..parts.Length], operation, value) || changed;
                deleted |= operation == OverrideOperation.Delete && changed;
            }
            else if (operation == OverrideOperation.Delete)
            {
                DeleteEntry(config, entry);
                changed = deleted = true;
            }
            else
            {
                changed = ApplyAtEntry(entry, operation, value!);
            }
        }

        if (!deleted && operation != OverrideOperation.Delete && !changed)
        {
            QueueEntry(config, new PendingEntry(parts, operation, value, RawText: null));
            changed = true;
        }

        return changed;
    }

    private bool ApplyAtEntry(ConfigEntry entry, OverrideOperation operation, Expression value)
    {
        switch (operation)
        {
            case OverrideOperation.Union when value is ConfigExpression merged:
                return SyntaxPaths.ConfigOf(entry.Value) is { } config && MergeConfig(config, merged);
            case OverrideOperation.Union when value is SchemaExpression mergedSchema:
                return entry.Value is SchemaExpression schema && SameSchema(schema, mergedSchema) && MergeConfig(schema.Config, mergedSchema.Config);
            case OverrideOperation.Append:
                return value is ListExpression items && entry.Value is ListExpression list && AppendToList(list, items);
            default:
                ReplaceValue(entry.Value, value);
                return true;
        }
    }

    /// <summary>
    /// The spec stops inside a dotted key (<c>x.a=1</c> on <c>a.b.c: v</c>): the entry stands for a config
    /// holding only the rest, so deleting or replacing it means rewriting the whole entry.
    /// </summary>
    private bool ApplyToDottedPrefix(ConfigExpression config, ConfigEntry entry, ImmutableArray<string> prefix, OverrideOperation operation, Expression? value)
    {
        switch (operation)
        {
            case OverrideOperation.Delete:
                DeleteEntry(config, entry);
                return true;
            case OverrideOperation.Assign:
            case OverrideOperation.Union when value is not (ConfigExpression or SchemaExpression):
                var indentation = SourceLines.Indentation(_text, entry.Span.Start);
                var newEntry = string.Join('.', prefix.Select(SyntaxPaths.KeyText)) + ": " + Print(value!, indentation, entry.Span.Start);
                _edits.Replace(entry.Span.Start, entry.Span.End, newEntry);
                return true;
            case OverrideOperation.Union:
                throw new OverrideNotApplicableException(
                    $"Cannot apply spec '{_spec.Text}': it merges into the dotted key '{entry.Key!.Span.Text}' at {entry.Span}; write that entry as nested configs first");
            default:
                return false;
        }
    }

    /// <summary>Merges a config's entries one by one, each with its own operator, as KCL's <c>:</c> does.</summary>
    private bool MergeConfig(ConfigExpression target, ConfigExpression merged)
    {
        var changed = false;
        foreach (var item in merged.Items)
        {
            var key = item is ConfigEntry keyed ? SyntaxPaths.KeyParts(keyed.Key) : [];
            if (key.IsEmpty)
            {
                QueueEntry(target, new PendingEntry([], OverrideOperation.Assign, null, item.Span.Text));
                changed = true;
            }
            else if (item is ConfigEntry entry && ReplaceInConfig(target, key, SyntaxPaths.FromConfigOperation(entry.Operation), entry.Value))
            {
                changed = true;
            }
        }

        return changed;
    }

    private bool AppendToList(ListExpression list, ListExpression items)
    {
        if (!_listAppends.TryGetValue(list, out var pending))
        {
            pending = [];
            _listAppends[list] = pending;
        }

        pending.AddRange(items.Items);
        return true;
    }

    private void ReplaceValue(Expression existing, Expression value)
    {
        var printed = Print(value, SourceLines.Indentation(_text, existing.Span.Start), existing.Span.Start);
        if (!string.Equals(printed, existing.Span.Text, StringComparison.Ordinal))
        {
            _edits.Replace(existing.Span.Start, existing.Span.End, printed);
        }
    }

    private void QueueEntry(ConfigExpression config, PendingEntry entry)
    {
        if (!_entryInserts.TryGetValue(config, out var pending))
        {
            pending = [];
            _entryInserts[config] = pending;
            _insertOrder.Add(config);
        }

        pending.Add(entry);
    }

    private static int CommonPrefix(ImmutableArray<string> first, ImmutableArray<string> second)
    {
        var count = 0;
        while (count < first.Length && count < second.Length && first[count] == second[count])
        {
            count++;
        }

        return count;
    }

    // Printed as kcl prints a spliced-in value: laid out for the line it lands on (at: an offset on that line).
    private string Print(Expression value, string indentation, int at) =>
        KclPrinter.PrintExpressionAtLine(value, SourceLines.IndentLevel(indentation), SourceLines.LineNumber(_text, at));

    /// <summary>An entry to add to a config: key parts, operator and value, or the raw text of an unkeyed item.</summary>
    private sealed record PendingEntry(ImmutableArray<string> Parts, OverrideOperation Operation, Expression? Value, string? RawText);
}
