using Xunit;

namespace Konfig.FakeGitHub;

/// <summary>A fact that skips, saying why, when GitHub's artifacts are not installed (see <see cref="GitHubArtifacts"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresGitHubArtifactsFactAttribute : FactAttribute
{
    public RequiresGitHubArtifactsFactAttribute()
    {
        if (GitHubArtifacts.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
