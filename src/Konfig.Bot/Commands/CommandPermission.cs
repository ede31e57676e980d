namespace Konfig.Bot.Commands;

/// <summary>
/// Who may give commands: users with write access to the repository. Decided from GitHub's answer to
/// <c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c>: its <c>permission</c> is
/// <c>admin</c>, <c>write</c>, <c>read</c> or <c>none</c> (maintain folds into write, triage into read),
/// its <c>role_name</c> the finer role (<c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c>,
/// <c>read</c>, or a custom role's name, whose base shows in <c>permission</c>).
/// </summary>
public static class CommandPermission
{
    private static readonly HashSet<string> Writers = new(["admin", "maintain", "write"], StringComparer.OrdinalIgnoreCase);

    public static bool CanRunCommands(string? permission, string? roleName = null) =>
        (permission is not null && Writers.Contains(permission)) || (roleName is not null && Writers.Contains(roleName));
}
