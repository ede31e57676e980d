using System.Security.Cryptography;
using System.Text;

namespace Konfig.Rewrite.Git;

/// <summary>
/// The branch a rewrite is committed to: <c>konfig/rewrite/&lt;slug&gt;-&lt;hash&gt;</c>, the slug made from the
/// description (lower case, runs of other characters as one '-', at most 40 characters) and the hash the first
/// 8 hex digits of the description's SHA-256, so the same rewrite always lands on the same branch and two
/// rewrites whose slugs collide do not.
/// </summary>
public static class RewriteBranch
{
    public const string Prefix = "konfig/rewrite/";

    private const int MaxSlugLength = 40;

    public static string NameFor(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var slug = new StringBuilder();
        foreach (var c in description.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString();
        text = (text.Length > MaxSlugLength ? text[..MaxSlugLength] : text).Trim('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..8];
        return Prefix + (text.Length == 0 ? hash : $"{text}-{hash}");
    }
}
