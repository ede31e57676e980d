namespace Konfig.Bot.Commands;

public enum CommandVerb
{
    Preview,
    Retry,
    Unlock,
    Help,
}

/// <summary>A parsed <c>/konfig</c> command; <see cref="Stacks"/> are repository-relative stack paths, empty for "every affected stack".</summary>
public sealed record BotCommand(CommandVerb Verb, IReadOnlyList<string> Stacks)
{
    public override string ToString() =>
        string.Join(' ', ["/konfig", Verb.ToString().ToLowerInvariant(), .. Stacks.SelectMany(s => (string[])["-s", s])]);
}

/// <summary>Why the first line of a comment is not a valid command: the 1-based column, what was expected there, and the whole message.</summary>
public sealed record CommandError(int Column, string Expected, string Message);

/// <summary>Either <see cref="Command"/> or <see cref="Error"/>.</summary>
public sealed record CommandParseResult(BotCommand? Command, CommandError? Error)
{
    public bool Success => Command is not null;
}
