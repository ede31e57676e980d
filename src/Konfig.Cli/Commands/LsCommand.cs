using System.CommandLine;
using System.Text.Json;
using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig ls [--format text|json]</c>: the workspace's projects and their stacks, paths relative to the
/// workspace root, in path order. Metadata problems go to standard error (and into the JSON) and make the
/// exit code 1; the listing still shows everything that was found.
/// </summary>
internal sealed class LsCommand
{
    private const string FormatText = "text";
    private const string FormatJson = "json";

    private readonly WorkspaceCommandContext _workspace = new();

    private readonly Option<string> Format = new("--format", "-f")
    {
        Description = "Output format: text (default) or json.",
        DefaultValueFactory = _ => FormatText,
    };

    private LsCommand() => Format.AcceptOnlyFromAmong(FormatText, FormatJson);

    public static Command Create(CliEnvironment environment)
    {
        var definition = new LsCommand();
        var command = new Command("ls", "List the workspace's projects and stacks.") { definition.Format, definition._workspace.WorkspaceOption };
        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        var workspace = _workspace.Load(parseResult, environment, []);
        if (workspace is null)
        {
            return ExitCodes.WorkspaceError;
        }

        var diagnostics = workspace.AllDiagnostics.ToList();
        if (parseResult.GetValue(Format) == FormatJson)
        {
            environment.Out.Write(RenderJson(workspace, diagnostics, environment.WorkingDirectory));
        }
        else
        {
            WriteText(environment.Out, workspace);
        }

        environment.Out.Flush();
        WorkspaceCommandContext.PrintDiagnostics(environment, diagnostics);
        return diagnostics.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteText(TextWriter writer, KonfigWorkspace workspace)
    {
        var rows = new List<string[]>();
        foreach (var project in workspace.Projects)
        {
            var stacks = workspace.StacksOf(project).ToList();
            if (stacks.Count == 0)
            {
                rows.Add([project.Name, project.Tenant ?? "-", "-", project.Path]);
            }

            rows.AddRange(stacks.Select(stack => new[] { project.Name, project.Tenant ?? "-", stack.Name, stack.Path }));
        }

        PlainTable.Write(writer, ["PROJECT", "TENANT", "STACK", "PATH"], rows);
        writer.Write($"{workspace.Projects.Count} projects, {workspace.Stacks.Count} stacks\n");
    }

    internal static string RenderJson(KonfigWorkspace workspace, IReadOnlyList<WorkspaceDiagnostic> diagnostics, string workingDirectory)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("root", WorkspacePaths.Display(workspace.Root, workingDirectory));
            json.WriteStartArray("projects");
            foreach (var project in workspace.Projects)
            {
                json.WriteStartObject();
                json.WriteString("name", project.Name);
                if (project.Tenant is { } tenant)
                {
                    json.WriteString("tenant", tenant);
                }
                else
                {
                    json.WriteNull("tenant");
                }

                json.WriteString("path", project.Path);
                json.WriteStartArray("stacks");
                foreach (var stack in workspace.StacksOf(project))
                {
                    json.WriteStartObject();
                    json.WriteString("name", stack.Name);
                    json.WriteString("path", stack.Path);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var diagnostic in diagnostics)
            {
                json.WriteStringValue(diagnostic.Format(workingDirectory));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }
}
