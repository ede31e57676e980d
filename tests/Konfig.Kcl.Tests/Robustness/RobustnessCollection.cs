namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// The robustness tests build very large and very deep programs: they run alone, after the parallel
/// tests, so their memory and time do not add to the others' (nor the others' to their deadlines).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobustnessCollection
{
    public const string Name = "Robustness";
}
