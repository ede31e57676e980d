using System.CommandLine;
using Konfig.Affected.Output;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig affected [--base REF] [--head REF] [--working-tree] [--format text|json|github-matrix]
/// [--shards N] [--dotnet]</c>: the stacks (and .NET projects) a change affects, each with the chain of
/// dependencies that makes it so. Paths are relative to the repository root. Exit 0 whether or not
/// anything is affected; 2 when the question cannot be answered (not a repository, unknown head).
/// </summary>
internal sealed class AffectedCommand
{
    private const string FormatText = "text";
    private const string FormatJson = "json";
    private const string FormatMatrix = "github-matrix";

    private readonly ChangeOptions _change = new();

    private readonly Option<string> Format = new("--format", "-f")
    {
        Description = "Output: text (default), json (with each stack's reason chain) or github-matrix (a GitHub Actions matrix).",
        DefaultValueFactory = _ => FormatText,
    };

    private readonly Option<int> Shards = new("--shards")
    {
        Description = $"With github-matrix: spread the stacks over at most this many jobs (1 to {GitHubMatrix.MaxShards}; default 16).",
        DefaultValueFactory = _ => 16,
    };

    private readonly Option<bool> DotNet = new("--dotnet")
    {
        Description = "Also list the .NET projects the change affects (from the MSBuild project graph of the repository's solution).",
    };

    private AffectedCommand()
    {
        Format.AcceptOnlyFromAmong(FormatText, FormatJson, FormatMatrix);
        Shards.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1 || value > GitHubMatrix.MaxShards)
            {
                result.AddError($"--shards must be between 1 and {GitHubMatrix.MaxShards}");
            }
        });
    }

    public static Command Create(CliEnvironment environment)
    {
        var definition = new AffectedCommand();
        var command = new Command("affected", "List the stacks (and .NET projects) a git change affects, and why.")
        {
            definition.Format, definition.Shards, definition.DotNet,
        };
        foreach (var option in definition._change.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        // One run allocates some tens of MiB that stay alive until it exits (snapshot, graph, report);
        // collecting would only copy them between generations, so ask for no collection at all.
        using var noCollection = NoCollectionRegion.Enter(256L << 20);
        var report = ChangeOptions.Detect(_change.Request(parseResult, environment, parseResult.GetValue(DotNet)), environment);
        if (report is null)
        {
            return ExitCodes.WorkspaceError;
        }

        switch (parseResult.GetValue(Format))
        {
            case FormatJson:
                AffectedJson.Write(report, environment.Out);
                break;
            case FormatMatrix:
                environment.Out.Write(GitHubMatrix.Render(report.Result, parseResult.GetValue(Shards)));
                break;
            default:
                AffectedText.Write(environment.Out, report);
                break;
        }

        environment.Out.Flush();
        if (report.Result.EverythingReason is { } reason && parseResult.GetValue(Format) != FormatText)
        {
            // Machine formats go to a pipe; say on standard error why the answer is "everything".
            environment.Error.WriteLine($"note: every stack is affected: {reason}");
        }

        return ExitCodes.Success;
    }
}
