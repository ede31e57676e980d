using System.CommandLine;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;
using Konfig.Workspace.Files;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig kcl run [FILES…] [options]</c>: the reference <c>kcl run</c>, with kcl's own option spellings.
/// Parses the command line into <see cref="KclRunOptions"/>, runs it, prints YAML and diagnostics.
/// </summary>
internal sealed class KclRunCommand
{
    private const string ErrorFormatKcl = "kcl";
    private const string ErrorFormatGitHub = "github";

    private readonly Argument<string[]> Files = new("files")
    {
        // kcl allows none: the files then come from a -Y settings file, kcl.mod's profile, or the current folder.
        Description = "KCL files to run, relative to the current directory (${KCL_MOD}/… is expanded). Optional when a settings file lists them.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> Arguments = new("--argument", "-D")
    {
        Description = "Top-level argument name=value, read by option(\"name\"). Repeatable.",
        HelpName = "name=value",
    };

    // kcl's -Y takes every value up to the next option: `-Y a.yaml b.yaml`. Put it after the files.
    private readonly Option<string[]> Settings = new("--setting", "-Y")
    {
        Description = "Settings files (kcl_cli_configs, kcl_options). Takes one or more values; repeatable.",
        HelpName = "file",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> PathSelectors = new("--path_selector", "-S")
    {
        Description = "Print only the value at this path, e.g. app.spec.replicas. Repeatable.",
        HelpName = "path",
    };

    private readonly Option<bool> Debug = new("--debug", "-d") { Description = "Run in debug mode." };

    private readonly Option<bool> StrictRangeCheck = new("--strict_range_check", "-r")
    {
        Description = "Check that numbers fit in 32-bit ranges.",
    };

    private readonly Option<bool> DisableNone = new("--disable_none", "-n")
    {
        Description = "Leave None values out of the output.",
    };

    private readonly Option<bool> SortKeys = new("--sort_keys", "-k") { Description = "Sort output keys." };

    private readonly Option<bool> ShowHidden = new("--show_hidden", "-H")
    {
        Description = "Also print hidden attributes (names starting with _).",
    };

    private readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write the YAML to this file instead of standard output (replaced atomically).",
        HelpName = "file",
    };

    private readonly Option<string> ErrorFormat = new("--error-format")
    {
        Description = "How to print diagnostics: kcl (like kcl run) or github (workflow annotations).",
        DefaultValueFactory = _ => ErrorFormatKcl,
    };

    private KclRunCommand()
    {
        ErrorFormat.AcceptOnlyFromAmong(ErrorFormatKcl, ErrorFormatGitHub);
        Arguments.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!token.Value.Contains('=', StringComparison.Ordinal))
                {
                    result.AddError($"Invalid value for top level arguments: '{token.Value}' is not name=value");
                }
            }
        });
    }

    public static Command Create(CliEnvironment environment)
    {
        var definition = new KclRunCommand();
        return definition.Build(environment);
    }

    private Command Build(CliEnvironment environment)
    {
        var command = new Command("run", "Run KCL files and print the YAML they produce.")
        {
            Files, Arguments, Settings, PathSelectors, Debug, StrictRangeCheck, DisableNone, SortKeys, ShowHidden,
            Output, ErrorFormat,
        };
        command.SetAction(parseResult => Execute(parseResult, environment));
        return command;
    }

    private KclRunOptions BindOptions(ParseResult parseResult, string workingDirectory) => new()
    {
        Files = parseResult.GetValue(Files) ?? [],
        WorkingDirectory = workingDirectory,
        Arguments = (parseResult.GetValue(Arguments) ?? []).Select(SplitArgument).ToArray(),
        SettingsFiles = parseResult.GetValue(Settings) ?? [],
        PathSelectors = parseResult.GetValue(PathSelectors) ?? [],
        Debug = parseResult.GetValue(Debug),
        StrictRangeCheck = parseResult.GetValue(StrictRangeCheck),
        DisableNone = parseResult.GetValue(DisableNone),
        SortKeys = parseResult.GetValue(SortKeys),
        ShowHidden = parseResult.GetValue(ShowHidden),
    };

    /// <summary>Splits <c>name=value</c> at the first '='; the library judges what is left (e.g. an empty name).</summary>
    internal static KeyValuePair<string, string> SplitArgument(string token)
    {
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        return new KeyValuePair<string, string>(token[..equals], token[(equals + 1)..]);
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment) =>
        Run(
            BindOptions(parseResult, environment.WorkingDirectory),
            gitHubAnnotations: parseResult.GetValue(ErrorFormat) == ErrorFormatGitHub,
            parseResult.GetValue(Output),
            environment);

    /// <summary>
    /// The plain form <c>konfig kcl run FILE…</c> (files only, no options) bound without building the command
    /// tree: the most common invocation, and building and parsing with System.CommandLine costs more than
    /// compiling a small program. Anything else (an option, help, a typo) returns false and goes through
    /// the full parser, so it alone decides what is valid.
    /// </summary>
    internal static bool TryBindFilesOnly(IReadOnlyList<string> args, string workingDirectory, out KclRunOptions options)
    {
        options = null!;
        if (args.Count < 3 || args[0] != "kcl" || args[1] != "run")
        {
            return false;
        }

        for (var i = 2; i < args.Count; i++)
        {
            if (args[i].Length == 0 || args[i][0] == '-')
            {
                return false;
            }
        }

        options = new KclRunOptions { Files = [.. args.Skip(2)], WorkingDirectory = workingDirectory };
        return true;
    }

    /// <summary>Runs bound options: diagnostics to standard error, the YAML to standard output or to <paramref name="output"/>.</summary>
    internal static int Run(KclRunOptions options, bool gitHubAnnotations, string? output, CliEnvironment environment)
    {
        var result = environment.RunKcl(options);

        if (result.Diagnostics.Count > 0)
        {
            var format = gitHubAnnotations
                ? DiagnosticFormatter.FormatGitHub(result.Diagnostics)
                : DiagnosticFormatter.FormatKcl(result.Diagnostics);
            environment.Error.Write(format);
        }

        if (output is null)
        {
            // Like kcl, whatever the run printed before a failure still reaches standard output.
            environment.Out.Write(result.Yaml);
            environment.Out.Flush();
            return result.Success ? ExitCodes.Success : ExitCodes.Failure;
        }

        if (!result.Success)
        {
            // An output file is only ever replaced by a complete, successful result.
            return ExitCodes.Failure;
        }

        try
        {
            AtomicFile.WriteAllText(Path.Combine(environment.WorkingDirectory, output), result.Yaml);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine($"error: cannot write '{output}': {exception.Message}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
