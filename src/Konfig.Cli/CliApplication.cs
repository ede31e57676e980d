using System.CommandLine;
using Konfig.Cli.Commands;

namespace Konfig.Cli;

/// <summary>The command tree: <c>konfig kcl run …</c>, <c>konfig compile|test|ls|fmt|affected|deps|preview|apply|destroy|state|bot|rewrite</c>, plus the built-in <c>--help</c> and <c>--version</c>.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var kcl = new Command("kcl", "Work with KCL programs.");
        kcl.Subcommands.Add(KclRunCommand.Create(environment));

        var root = new RootCommand("Konfig: GitOps for a monorepo of KCL configuration.");
        root.Subcommands.Add(kcl);
        root.Subcommands.Add(CompileCommand.Create(environment));
        root.Subcommands.Add(TestCommand.Create(environment));
        root.Subcommands.Add(LsCommand.Create(environment));
        root.Subcommands.Add(FmtCommand.Create(environment));
        root.Subcommands.Add(AffectedCommand.Create(environment));
        root.Subcommands.Add(DepsCommand.Create(environment));
        root.Subcommands.Add(PreviewCommand.Create(environment));
        root.Subcommands.Add(ApplyCommand.Create(environment));
        root.Subcommands.Add(DestroyCommand.Create(environment));
        root.Subcommands.Add(StateCommand.Create(environment));
#if !KONFIG_NATIVE
        root.Subcommands.Add(BotCommand.Create(environment));
        root.Subcommands.Add(RewriteCommand.Create(environment));
#endif
        return root;
    }

    public static int Run(string[] args, CliEnvironment environment)
    {
        if (KclRunCommand.TryBindFilesOnly(args, environment.WorkingDirectory, out var filesOnly))
        {
            return KclRunCommand.Run(filesOnly, gitHubAnnotations: false, output: null, environment);
        }

        // No @response-file expansion: "@x.k" is a file name like any other.
        var parserConfiguration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parseResult = CreateRootCommand(environment).Parse(args, parserConfiguration);
        var invocationConfiguration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
        };
        return parseResult.Invoke(invocationConfiguration);
    }
}
