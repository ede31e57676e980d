using System.Collections;

namespace Konfig.Affected.Analysis;

/// <summary>
/// A reason chain as a linked list: the chains of many changed files to many stacks share the walk they
/// have in common (each file's chain is its own first step, then the shared rest), instead of each copying it.
/// </summary>
internal sealed class ReasonChain(ReasonStep first, ReasonChain? rest) : IReadOnlyList<ReasonStep>
{
    public int Count { get; } = 1 + (rest?.Count ?? 0);

    private ReasonStep First { get; } = first;

    private ReasonChain? Rest { get; } = rest;

    public ReasonStep this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return this.Skip(index).First();
        }
    }

    public IEnumerator<ReasonStep> GetEnumerator()
    {
        for (var chain = this; chain is not null; chain = chain.Rest)
        {
            yield return chain.First;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
