using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Semantics;

/// <summary>Diagnostics in report order, without duplicates (the reference keeps them in an ordered set).</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic)
    {
        if (_seen.Add(DiagnosticFormatter.FormatKcl([diagnostic])))
        {
            _items.Add(diagnostic);
        }
    }

    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}
