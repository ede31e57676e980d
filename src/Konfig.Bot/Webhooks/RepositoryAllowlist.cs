namespace Konfig.Bot.Webhooks;

/// <summary>
/// The repositories the bot acts for: <c>owner/name</c>, or <c>owner/*</c> for every repository of an
/// owner, compared case-insensitively as GitHub compares names. Anything else is refused at creation.
/// </summary>
public sealed class RepositoryAllowlist
{
    private readonly HashSet<string> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _owners = new(StringComparer.OrdinalIgnoreCase);

    public RepositoryAllowlist(IEnumerable<string> patterns)
    {
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            var parts = pattern.Split('/');
            if (parts.Length != 2 || !IsName(parts[0]) || (parts[1] != "*" && !IsName(parts[1])))
            {
                throw new ArgumentException($"repository pattern '{raw}' is not 'owner/name' or 'owner/*'", nameof(patterns));
            }

            if (parts[1] == "*")
            {
                _owners.Add(parts[0]);
            }
            else
            {
                _repositories.Add(pattern);
            }
        }
    }

    public IReadOnlyCollection<string> Patterns => [.. _repositories, .. _owners.Select(o => o + "/*")];

    /// <summary>Whether <paramref name="fullName"/> (<c>owner/name</c>) is allowed.</summary>
    public bool Allows(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && (_repositories.Contains(fullName) || _owners.Contains(fullName[..slash]));
    }

    // GitHub's owner and repository names: letters, digits, '-', '_' and '.'.
    private static bool IsName(string text) =>
        text.Length > 0 && text != "." && text != ".." && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
