using System.CommandLine;
using Konfig.Engine.Output;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig preview [STACK_DIR…] [--all | --affected …] [--kubeconfig PATH] [--context NAME] [--state local|kubernetes]
/// [--ignore-fields PATH…] [--format table|markdown|json]</c>: what an apply would change, per resource
/// (create, update, delete, unchanged) with the fields that differ, changing nothing. Exit 0 when every
/// stack could be previewed, 1 when one could not (compile failure, state or API errors), 2 when nothing could run.
/// </summary>
internal sealed class PreviewCommand
{
    private readonly EngineOptions _options = new();

    public static Command Create(CliEnvironment environment)
    {
        var definition = new PreviewCommand();
        return EngineRun.CreateCommand("preview", "Show what applying stacks would change on the cluster, resource by resource and field by field.", definition._options, EngineVerb.Preview, environment, definition.ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(StackRunSession session, ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (session.Stacks.Count == 0)
        {
            return ExitCodes.Success;
        }

        var run = await PreviewRun.PreviewAsync(session, EngineSession.PreviewOptionsOf(_options, parseResult), cancellationToken);
        EngineSession.PrintProblems(run, environment);
        var previews = run.Previews;
        var format = parseResult.GetValue(_options.Format);
        if (format == "json")
        {
            // One stack: its preview object; several: an array of them.
            var documents = previews.Select(p => PreviewJson.Render(p.Preview).TrimEnd()).ToList();
            environment.Out.WriteLine(documents.Count == 1 ? documents[0] : "[\n" + string.Join(",\n", documents) + "\n]");
        }
        else
        {
            var first = true;
            foreach (var preview in previews.Select(p => p.Preview))
            {
                environment.Out.Write(first ? "" : "\n");
                environment.Out.Write(format == "markdown" ? PreviewMarkdown.Render(preview) : PreviewTable.Render(preview));
                first = false;
            }
        }

        environment.Out.Flush();
        return run.Unpreviewable == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
