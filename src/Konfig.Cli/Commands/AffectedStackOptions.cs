using System.CommandLine;
using Konfig.Affected.Selection;
using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>--affected [--base REF] [--head REF] [--working-tree] [--no-cache]</c> for <c>compile</c> and <c>test</c>:
/// act on exactly the stacks a git change affects (as <c>konfig affected</c> lists them) that still exist
/// at head and belong to the workspace.
/// </summary>
internal sealed class AffectedStackOptions
{
    public const string NothingAffected = "no stack is affected by the change";

    public readonly Option<bool> Affected = new("--affected")
    {
        Description = "Act on the stacks a git change affects (see konfig affected), chosen with --base, --head and --working-tree.",
    };

    private readonly ChangeOptions _change = new();

    public IEnumerable<Option> All => [Affected, .. _change.All];

    public bool IsRequested(ParseResult parseResult) => parseResult.GetValue(Affected);

    /// <summary>Why the options cannot be combined as given; null when they can.</summary>
    public string? Conflict(ParseResult parseResult, bool stackDirsNamed, bool all)
    {
        if (!IsRequested(parseResult))
        {
            var changeNamed = parseResult.GetValue(_change.Base) is not null
                || parseResult.GetValue(_change.WorkingTree)
                || parseResult.GetResult(_change.Head) is { Implicit: false };
            return changeNamed ? "--base, --head and --working-tree choose the change for --affected, which is missing" : null;
        }

        return stackDirsNamed ? "--affected chooses the stacks itself: it cannot be combined with stack folders"
            : all ? "--affected cannot be combined with --all"
            : null;
    }

    /// <summary>
    /// The affected stacks of the workspace, in workspace order; an empty list after saying that nothing is
    /// affected; null (after printing why) when the change cannot be read.
    /// </summary>
    public IReadOnlyList<Stack>? Select(ParseResult parseResult, KonfigWorkspace workspace, CliEnvironment environment)
    {
        var request = _change.Request(parseResult, environment);
        var (selection, error) = AffectedStackSelector.Select(workspace, request);
        if (selection is null)
        {
            environment.Error.WriteLine($"error: {ChangeOptions.Describe(error!, request)}");
            return null;
        }

        if (selection.EverythingReason is { } reason)
        {
            environment.Error.WriteLine($"note: every stack is affected: {reason}");
            return selection.Stacks;
        }

        foreach (var skipped in selection.Skipped)
        {
            environment.Error.WriteLine(skipped.Reason == SkipReason.Deleted
                ? $"note: skipping affected stack {skipped.Path}: it was deleted"
                : $"note: skipping affected stack {skipped.Path}: it is not a stack of the workspace {WorkspacePaths.Display(workspace.Root, environment.WorkingDirectory)}");
        }

        if (selection.Stacks.Count == 0)
        {
            environment.Error.WriteLine(NothingAffected);
        }

        return selection.Stacks;
    }
}
