using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>Removing a task worktree and its branch, failing closed: when in doubt, keep and say why.</summary>
internal sealed class WorktreeRemoval(GitCli git, TimeProvider timeProvider)
{
    private const int ListedPaths = 10;

    public async Task<RemoveResult> RemoveAsync(
        string repoPath, string worktreePath, string branch, RemoveOptions options, CancellationToken cancellationToken)
    {
        if (options.DeleteBranch && string.IsNullOrWhiteSpace(options.MergedInto))
        {
            return RemoveResult.Kept("Deleting the branch needs MergedInto: the target that proves it merged. Nothing was removed.");
        }
        var repository = await GitRepository.OpenAsync(git, repoPath, cancellationToken);
        using (await RepositoryLocks.EnterAsync(repository.CommonDir, WorktreeManager.WorktreesGate, cancellationToken))
        {
            return await RemoveLockedAsync(repository, repoPath, worktreePath, branch, options, cancellationToken);
        }
    }

    private async Task<RemoveResult> RemoveLockedAsync(
        GitRepository repository, string repoPath, string worktreePath, string branch, RemoveOptions options, CancellationToken cancellationToken)
    {
        if (GitPaths.Same(worktreePath, repoPath) || GitPaths.Same(Path.Combine(worktreePath, ".git"), repository.CommonDir))
        {
            return RemoveResult.Kept($"'{worktreePath}' is the main worktree of '{repoPath}'; it is never removed.");
        }
        var tip = await RefNames.ResolveBranchAsync(git, repoPath, branch, cancellationToken);
        var folderExists = Directory.Exists(worktreePath);
        if (folderExists)
        {
            var kept = await CheckFolderAsync(repository, repoPath, worktreePath, branch, tip, cancellationToken);
            if (kept is not null)
            {
                return RemoveResult.Kept(kept);
            }
        }

        string? proof = null;
        if (options.DeleteBranch && tip is not null)
        {
            var target = await RefNames.ResolveCommitAsync(git, repoPath, options.MergedInto!, cancellationToken);
            if (target is null)
            {
                return RemoveResult.Kept($"Target '{options.MergedInto}' does not exist in '{repoPath}'; nothing was removed.");
            }
            proof = await BranchMergeCheck.ProveMergedAsync(git, repository, tip, target, cancellationToken);
            if (proof is null)
            {
                return RemoveResult.Kept($"Branch '{branch}' has work that is not in '{options.MergedInto}'; nothing was removed.");
            }
        }

        if (folderExists)
        {
            try
            {
                // Only after the checks above found nothing that would be lost. Links inside are removed, not followed.
                Directory.Delete(worktreePath, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return RemoveResult.Kept($"Could not remove '{worktreePath}': {ex.Message}. What is left of it was kept.");
            }
        }
        if (!options.DeleteBranch || tip is null)
        {
            return new RemoveResult(true, false, $"Worktree '{worktreePath}' {(folderExists ? "removed" : "was already gone")}; branch '{branch}' {(tip is null ? "does not exist" : "kept")}.");
        }

        // Compare-and-swap delete: only while the branch is still at the tip proven merged above.
        var deleted = await git.RunAsync(repoPath, ["update-ref", "-d", RefNames.BranchPrefix + branch, tip], cancellationToken);
        return deleted.Succeeded
            ? new RemoveResult(true, true, $"Worktree '{worktreePath}' removed; branch '{branch}' deleted: {proof}.")
            : new RemoveResult(true, false, $"Worktree '{worktreePath}' removed; branch '{branch}' kept: it moved after the merge check ({deleted.StdErr.Trim()}).");
    }

    /// <summary>Why the task folder must stay, or null when removing it loses nothing.</summary>
    private async Task<string?> CheckFolderAsync(
        GitRepository repository, string repoPath, string worktreePath, string branch, string? tip, CancellationToken cancellationToken)
    {
        if (!TaskGitDirectory.IsPresent(worktreePath)
            && !await LegacyWorktree.TryConvertAsync(git, repository, repoPath, worktreePath, branch, tip, timeProvider, cancellationToken))
        {
            return $"'{worktreePath}' is not a task checkout of '{repoPath}'; it was left alone.";
        }
        var taskDir = TaskGitDirectory.Of(git, repository, worktreePath);
        var headRef = await taskDir.HeadRefAsync(cancellationToken);
        if (!string.Equals(headRef, RefNames.BranchPrefix + branch, StringComparison.Ordinal))
        {
            return $"Worktree '{worktreePath}' is on '{headRef?.Replace(RefNames.BranchPrefix, string.Empty, StringComparison.Ordinal) ?? "a detached HEAD"}', not on '{branch}'; nothing was removed.";
        }
        var head = await taskDir.BranchTipAsync(branch, cancellationToken);
        if (head is null)
        {
            return $"Worktree '{worktreePath}' has no commit checked out, so its changes cannot be checked; nothing was removed.";
        }
        var changed = await WorkingTreeStatus.ChangedPathsAsync(git, repository, worktreePath, head, taskDir.ObjectsDir, cancellationToken);
        if (changed.Count > 0)
        {
            return $"Worktree '{worktreePath}' has uncommitted changes in {changed.Count} file(s): {List(changed)}. Commit or discard them first; nothing was removed.";
        }
        // Commits made in the task folder and never brought into the repository exist only there.
        var contained = tip is not null
            && (await git.RunAsync(repoPath, ["merge-base", "--is-ancestor", head, tip], cancellationToken)).ExitCode == 0;
        return contained ? null : $"Worktree '{worktreePath}' has commits on '{branch}' that are not in '{repoPath}'; nothing was removed.";
    }

    private static string List(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(ListedPaths)) + (paths.Count > ListedPaths ? $" and {paths.Count - ListedPaths} more" : string.Empty);
}
