using System.Text;

namespace Konfig.Rewrite.Git;

/// <summary>
/// A rewrite's commit message: <c>konfig rewrite: DESCRIPTION</c> (cut to fit a subject line), then the whole
/// description when it was cut, and the stacks it rewrites, at most <see cref="StacksListed"/> of them and
/// "and N more".
/// </summary>
public static class RewriteCommitMessage
{
    public const int StacksListed = 20;

    private const int SubjectLength = 72;
    private const string SubjectPrefix = "konfig rewrite: ";

    public static string Create(string description, IReadOnlyList<string> stackPaths)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(stackPaths);
        var oneLine = description.ReplaceLineEndings(" ");
        var room = SubjectLength - SubjectPrefix.Length;
        var subject = SubjectPrefix + (oneLine.Length > room ? oneLine[..(room - 1)] + "…" : oneLine);
        var message = new StringBuilder(subject).Append("\n\n");
        if (oneLine.Length > room)
        {
            message.Append(description).Append("\n\n");
        }

        message.Append(stackPaths.Count == 1 ? "Rewrites 1 stack:\n" : $"Rewrites {stackPaths.Count} stacks:\n");
        foreach (var path in stackPaths.Take(StacksListed))
        {
            message.Append("- ").Append(path).Append('\n');
        }

        if (stackPaths.Count > StacksListed)
        {
            message.Append("- and ").Append(stackPaths.Count - StacksListed).Append(" more\n");
        }

        return message.ToString();
    }
}
