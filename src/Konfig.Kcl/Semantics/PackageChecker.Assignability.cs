using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    /// <summary>"expected T, got U" when <paramref name="type"/> does not fit <paramref name="expected"/>.</summary>
    private void MustBeAssignable(KclType type, KclType expected, TextSpan span, TextSpan? declared)
    {
        // Functions are compared by identity in the reference; the checker does not compare them at all.
        if (expected.IsFunction || type.IsFunction)
        {
            return;
        }

        if (!CheckType(type, expected, span))
        {
            Report(SemanticDiagnostics.Mismatch(span, expected, type, declared));
        }
    }

    /// <summary>The reference's check_type: structural for containers, per key for a dict given to a schema.</summary>
    private bool CheckType(KclType type, KclType expected, TextSpan span)
    {
        if (type.IsList && expected.IsList)
        {
            return CheckType(type.Item!, expected.Item!, span);
        }

        if (type.IsDict && expected.IsDict)
        {
            return CheckType(type.Key!, expected.Key!, span) && CheckType(type.Value!, expected.Value!, span);
        }

        if (type.IsDict && expected.IsSchema)
        {
            return DictAssignableToSchema(type, expected.Schema!, span);
        }

        if (type.IsUnion)
        {
            return type.Types.All(t => CheckType(t, expected, span));
        }

        if (expected.IsUnion)
        {
            return expected.Types.Any(t => CheckType(type, t, span));
        }

        return TypeRelations.IsAssignableTo(type, expected);
    }

    /// <summary>
    /// A dict literal may become a schema instance: with a single known key, its value is checked
    /// against that attribute; anything else is left to the run time.
    /// </summary>
    private bool DictAssignableToSchema(KclType dict, SchemaSymbol schema, TextSpan span)
    {
        if (schema.GetIndexSignature() is not null || schema.AcceptsUnknownAttributes())
        {
            return true;
        }

        if (dict.Key!.Kind == TypeKind.StrLit && schema.GetAttribute(dict.Key.StrValue) is { } attribute && !attribute.Type.IsAny)
        {
            MustBeAssignable(TypeRelations.ToVariableType(dict.Value!), attribute.Type, span, attribute.Span);
        }

        return true;
    }
}
