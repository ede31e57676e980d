using FluentAssertions;
using Konfig.Affected.Git;

namespace Konfig.Affected.Tests.Git;

internal static class TempGitRepositoryExtensions
{
    /// <summary>Opens the repository with <see cref="LibGit2Repository.Open"/>, failing the test if that fails.</summary>
    public static IGitRepository Open(this TempGitRepository repository)
    {
        var result = LibGit2Repository.Open(repository.Root);
        result.Error.Should().BeNull();
        return result.Repository!;
    }
}
