namespace Konfig.Bot.Storage;

/// <summary>Argument checks and the text forms of enums, shared by the store implementations.</summary>
internal static class StoreText
{
    public static void Require(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} must not be empty.", what);
        }
    }

    public static void RequirePositive(TimeSpan value, string what)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(what, value, $"{what} must be positive.");
        }
    }

    public static void Check(ApplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Repo, "repository");
        Require(request.StackPath, "stack path");
        Require(request.CommitSha, "commit sha");
    }

    public static void Check(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Require(run.Repo, "repository");
        Require(run.StackPath, "stack path");
        Require(run.CommitSha, "commit sha");
        if (run.FinishedAt < run.StartedAt)
        {
            throw new ArgumentException($"run of {run.StackPath} finishes ({run.FinishedAt:O}) before it starts ({run.StartedAt:O}).", nameof(run));
        }
    }

    public static void Check(PreviewRecord preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        Require(preview.Repo, "repository");
        Require(preview.StackPath, "stack path");
        Require(preview.CommitSha, "commit sha");
    }

    public static string Name(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.Failed => "failed",
        RunOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
    };

    public static RunOutcome Outcome(string text) => text switch
    {
        "succeeded" => RunOutcome.Succeeded,
        "failed" => RunOutcome.Failed,
        "skipped" => RunOutcome.Skipped,
        _ => throw new InvalidDataException($"unknown outcome '{text}' in the bot's database"),
    };

    public static string Name(RunKind kind) => kind switch
    {
        RunKind.Preview => "preview",
        RunKind.Apply => "apply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown run kind"),
    };

    public static RunKind Kind(string text) => text switch
    {
        "preview" => RunKind.Preview,
        "apply" => RunKind.Apply,
        _ => throw new InvalidDataException($"unknown run kind '{text}' in the bot's database"),
    };

    public static JobState State(string text) => text switch
    {
        "pending" => JobState.Pending,
        "running" => JobState.Running,
        "done" => JobState.Done,
        _ => throw new InvalidDataException($"unknown job state '{text}' in the bot's database"),
    };
}
