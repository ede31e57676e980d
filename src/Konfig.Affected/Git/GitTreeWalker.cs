using LibGit2Sharp;

namespace Konfig.Affected.Git;

/// <summary>Lists the files of a tree, recursively, in git's order (the order of `git ls-tree -r`).</summary>
internal static class GitTreeWalker
{
    public static IEnumerable<GitTreeFile> ListFiles(Tree tree)
    {
        var files = new List<GitTreeFile>();
        Walk(tree, "", files);
        return files;
    }

    private static void Walk(Tree tree, string prefix, List<GitTreeFile> files)
    {
        foreach (var entry in tree)
        {
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Blob:
                    files.Add(new GitTreeFile(prefix + entry.Name, entry.Target.Sha));
                    break;
                case TreeEntryTargetType.Tree:
                    Walk((Tree)entry.Target, prefix + entry.Name + "/", files);
                    break;
                // GitLink: a submodule, whose content lives in another repository.
            }
        }
    }
}
