using System.CommandLine;
using Konfig.Affected;

namespace Konfig.Cli.Commands;

/// <summary>
/// The options that name a change, shared by <c>affected</c> and by <c>compile</c>/<c>test --affected</c>:
/// <c>--base REF</c>, <c>--head REF</c> (default HEAD), <c>--working-tree</c>.
/// </summary>
internal sealed class ChangeOptions
{
    public readonly Option<string?> Base = new("--base")
    {
        Description = "Compare with this revision (branch, tag or commit), from the merge base with head, as a pull request does. "
            + "Without it, only uncommitted changes count.",
        HelpName = "ref",
    };

    public readonly Option<string> Head = new("--head")
    {
        Description = "The revision with the change (default: HEAD).",
        DefaultValueFactory = _ => "HEAD",
        HelpName = "ref",
    };

    public readonly Option<bool> WorkingTree = new("--working-tree")
    {
        Description = "Add uncommitted changes (staged, unstaged and untracked files) to the comparison.",
    };

    public readonly Option<bool> NoCache = new("--no-cache")
    {
        Description = "Read every file again instead of reusing the snapshots cached under .git/konfig.",
    };

    public IEnumerable<Option> All => [Base, Head, WorkingTree, NoCache];

    public ChangeDetectionRequest Request(ParseResult parseResult, CliEnvironment environment, bool dotNet = false) => new()
    {
        RepositoryPath = environment.WorkingDirectory,
        Base = parseResult.GetValue(Base),
        Head = parseResult.GetValue(Head) ?? "HEAD",
        WorkingTree = parseResult.GetValue(WorkingTree),
        DotNet = dotNet,
        UseCache = !parseResult.GetValue(NoCache),
    };

    /// <summary>Runs change detection; null (after printing why) when the request cannot be answered.</summary>
    public static ChangeDetectionReport? Detect(ChangeDetectionRequest request, CliEnvironment environment)
    {
        var (report, error) = ChangeDetector.Detect(request);
        if (error is not null)
        {
            environment.Error.WriteLine($"error: {Describe(error, request)}");
            return null;
        }

        return report;
    }

    /// <summary>The error in the options' own words.</summary>
    public static string Describe(ChangeDetectionError error, ChangeDetectionRequest request) => error.Kind switch
    {
        ChangeDetectionErrorKind.HeadNotFound => $"--head: {error.Message}",
        ChangeDetectionErrorKind.WorkingTreeNotAtHead => $"--working-tree compares uncommitted changes with HEAD, but --head is '{request.Head}'",
        _ => error.Message,
    };
}
