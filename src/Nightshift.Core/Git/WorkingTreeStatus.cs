namespace Nightshift.Core.Git;

/// <summary>What in a working tree differs from a commit: modified, deleted and untracked (not ignored) paths.</summary>
internal static class WorkingTreeStatus
{
    /// <remarks>
    /// Runs in a <see cref="SealedGitDirectory"/> with an index freshly read from <paramref name="head"/>:
    /// the checkout's own index is not trusted, since <c>update-index --assume-unchanged</c> or
    /// <c>--skip-worktree</c> bits in it would hide changes, and no filter an agent configured runs
    /// while files are compared.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> ChangedPathsAsync(
        GitCli git, GitRepository repository, string workTree, string head, string? borrowedObjects, CancellationToken cancellationToken)
    {
        using var sealedDir = SealedGitDirectory.Create(git, repository, workTree, head, borrowedObjects);
        await sealedDir.RunCheckedAsync(["read-tree", head], cancellationToken);
        var status = await sealedDir.RunCheckedAsync(
            ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=dirty", "--no-renames"], cancellationToken);
        return ParsePorcelain(status.StdOut);
    }

    internal static IReadOnlyList<string> ParsePorcelain(string output)
    {
        var paths = new List<string>();
        foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length > 3)
            {
                paths.Add(entry[3..]);
            }
        }
        return paths;
    }
}
