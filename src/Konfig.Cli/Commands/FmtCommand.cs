using System.CommandLine;
using Konfig.Kcl.Diagnostics;
using Konfig.Workspace;
using Konfig.Workspace.Formatting;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig fmt [PATH…] [--check]</c>: formats KCL files in the reference formatter's layout, indenting as
/// each file's <c>.editorconfig</c> says. Prints every file that changes (or, with <c>--check</c>, would change)
/// relative to the current folder. A file with syntax errors is left untouched and reported as
/// <c>FILE:LINE:COL: message</c>; the other files are still formatted. Exit code 1 when any file had errors,
/// a path did not exist, or <c>--check</c> found files to format.
/// </summary>
internal sealed class FmtCommand
{
    private readonly Argument<string[]> Paths = new("path")
    {
        Description = "Files or folders (every *.k below, skipping hidden folders, bin and obj). Default: the current folder.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> Check = new("--check")
    {
        Description = "Write nothing: list the files that would change, and exit with 1 if there are any.",
    };

    public static Command Create(CliEnvironment environment)
    {
        var definition = new FmtCommand();
        var command = new Command("fmt", "Format KCL files.") { definition.Paths, definition.Check };
        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        var paths = parseResult.GetValue(Paths) is { Length: > 0 } given ? given : ["."];
        var checkOnly = parseResult.GetValue(Check);
        var selection = KclFileSelection.From(paths, environment.WorkingDirectory);
        var failed = false;
        foreach (var missing in selection.MissingPaths)
        {
            environment.Error.Write($"{missing}: no such file or directory\n");
            failed = true;
        }

        var reformatted = 0;
        var formatter = new KclFileFormatter();
        foreach (var file in selection.Files)
        {
            var display = WorkspacePaths.Display(file, environment.WorkingDirectory);
            FormatFileResult result;
            try
            {
                result = formatter.Format(file, write: !checkOnly);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                environment.Error.Write($"{display}: {exception.Message}\n");
                failed = true;
                continue;
            }

            switch (result.Status)
            {
                case FormatFileStatus.Reformatted:
                    environment.Out.Write(display + "\n");
                    reformatted++;
                    break;
                case FormatFileStatus.SyntaxErrors:
                    PrintErrors(environment, display, result);
                    failed = true;
                    break;
            }
        }

        environment.Out.Flush();
        return failed || (checkOnly && reformatted > 0) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static void PrintErrors(CliEnvironment environment, string display, FormatFileResult result)
    {
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var location = diagnostic.Location is { } at ? $"{display}:{at.Line}:{Math.Max(1, at.Column)}" : display;
            environment.Error.Write($"{location}: {diagnostic.Message}\n");
        }
    }
}
