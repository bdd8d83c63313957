using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>
/// A task folder made by an earlier version as a linked git worktree, which shares the repository's
/// git directory. On a re-run it becomes a checkout with a git directory of its own, in place: its
/// files, committed or not, stay as they are.
/// </summary>
internal static class LegacyWorktree
{
    public static async Task<bool> TryConvertAsync(
        GitCli git, GitRepository repository, string repoPath, string worktreePath, string branch, string? tip, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var gitFile = new FileInfo(Path.Combine(worktreePath, ".git"));
        if (!gitFile.Exists || gitFile.LinkTarget is not null || tip is null)
        {
            return false;
        }
        var list = await git.RunCheckedAsync(repoPath, ["worktree", "list", "--porcelain", "-z"], cancellationToken);
        var entry = WorktreeListParser.Parse(list.StdOut)
            .FirstOrDefault(e => !e.IsMain && GitPaths.Same(e.Path, worktreePath) && string.Equals(e.Branch, branch, StringComparison.Ordinal));
        if (entry is null)
        {
            return false;
        }
        // Forget the registration first, so that the repository no longer counts this folder as its own.
        await git.RunAsync(repoPath, ["worktree", "unlock", worktreePath], cancellationToken);
        gitFile.Delete();
        await git.RunCheckedAsync(repoPath, ["worktree", "prune"], cancellationToken);

        var taskDir = TaskGitDirectory.Of(git, repository, worktreePath);
        taskDir.Create(branch);
        var created = await taskDir.SetBranchAsync(branch, tip, string.Empty, cancellationToken);
        if (!created.Succeeded)
        {
            throw new WorkspaceException($"Could not give '{worktreePath}' a git directory of its own: {created.StdErr.Trim()}");
        }
        using var sealedDir = SealedGitDirectory.Create(git, repository, worktreePath, tip, taskDir.ObjectsDir);
        await sealedDir.RunCheckedAsync(["read-tree", tip], cancellationToken);
        // A fresh index has no stat data: refresh it from the files, so unchanged files show clean.
        await sealedDir.RunAsync(["update-index", "-q", "--refresh"], cancellationToken);
        await taskDir.InstallIndexAsync(sealedDir.IndexFile, timeProvider, cancellationToken);
        return true;
    }
}
