namespace Konfig.Affected.DotNet;

/// <summary>
/// Why the .NET project graph could not be read, as data: the message and, where MSBuild reports one,
/// the file (repository-relative when inside the repository) and line.
/// </summary>
public sealed record DotNetGraphLoadError(string Message, string? File = null, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        if (File is null)
            return Message;
        var position = Line is > 0 ? Column is > 0 ? $"({Line},{Column})" : $"({Line})" : string.Empty;
        return $"{File}{position}: {Message}";
    }
}

/// <summary>Either a graph or the error that prevented reading it.</summary>
public sealed record DotNetGraphLoadResult(DotNetProjectGraph? Graph, DotNetGraphLoadError? Error)
{
    public static DotNetGraphLoadResult Success(DotNetProjectGraph graph) => new(graph, null);

    public static DotNetGraphLoadResult Failure(DotNetGraphLoadError error) => new(null, error);
}
