namespace Konfig.Cli.Commands;

internal enum ConfirmationAnswer
{
    Yes,
    No,

    /// <summary>No terminal to ask on, and no --yes: the run must not guess.</summary>
    NoTerminal,
}

/// <summary>The question before a change to a cluster: asked only on a terminal, skipped by --yes.</summary>
internal static class Confirmation
{
    public static ConfirmationAnswer Ask(CliEnvironment environment, string question, bool yes)
    {
        if (yes)
        {
            return ConfirmationAnswer.Yes;
        }

        // What was printed goes out before the question.
        environment.Out.Flush();
        if (!environment.InputIsTerminal())
        {
            environment.Error.WriteLine("error: standard input is not a terminal, so konfig cannot ask for confirmation; pass --yes to go ahead without asking");
            return ConfirmationAnswer.NoTerminal;
        }

        environment.Error.Write($"{question} [y/N] ");
        environment.Error.Flush();
        var answer = environment.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase))
            ? ConfirmationAnswer.Yes
            : ConfirmationAnswer.No;
    }
}
