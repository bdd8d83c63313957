namespace Nightshift.Core.Workspaces;

/// <summary>Removing a task worktree and its branch, failing closed: when in doubt, keep and say why.</summary>
internal sealed class WorktreeRemoval(GitCli git, WorktreeManager manager)
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
        var entry = (await manager.ListAsync(repoPath, cancellationToken)).FirstOrDefault(e => WorkspacePaths.Same(e.Path, worktreePath));
        var folderExists = Directory.Exists(worktreePath);
        if (entry is null && folderExists)
        {
            return RemoveResult.Kept($"'{worktreePath}' is not a worktree of '{repoPath}'; it was left alone.");
        }
        if (entry is { IsMain: true })
        {
            return RemoveResult.Kept($"'{worktreePath}' is the main worktree of '{repoPath}'; it is never removed.");
        }
        if (entry is not null && !string.Equals(entry.Branch, branch, StringComparison.Ordinal))
        {
            return RemoveResult.Kept($"Worktree '{worktreePath}' is on '{entry.Branch ?? "a detached HEAD"}', not on '{branch}'; nothing was removed.");
        }

        if (entry is { Head: null } && folderExists)
        {
            return RemoveResult.Kept($"Worktree '{worktreePath}' has no commit checked out, so its changes cannot be checked; nothing was removed.");
        }
        if (entry is { Head: { } head } && folderExists)
        {
            var changed = await WorkingTreeStatus.ChangedPathsAsync(git, repository, worktreePath, head, cancellationToken);
            if (changed.Count > 0)
            {
                return RemoveResult.Kept(
                    $"Worktree '{worktreePath}' has uncommitted changes in {changed.Count} file(s): {List(changed)}. Commit or discard them first; nothing was removed.");
            }
        }

        var tip = await RefNames.ResolveBranchAsync(git, repoPath, branch, cancellationToken);
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

        if (entry is not null)
        {
            var failure = await RemoveWorktreeAsync(repoPath, worktreePath, folderExists, cancellationToken);
            if (failure is not null)
            {
                return RemoveResult.Kept(failure);
            }
        }
        if (!options.DeleteBranch || tip is null)
        {
            return new RemoveResult(true, false, $"Worktree '{worktreePath}' {(entry is null ? "was already gone" : "removed")}; branch '{branch}' {(tip is null ? "does not exist" : "kept")}.");
        }

        // Compare-and-swap delete: only while the branch is still at the tip proven merged above.
        var deleted = await git.RunAsync(repoPath, ["update-ref", "-d", RefNames.BranchPrefix + branch, tip], cancellationToken);
        return deleted.Succeeded
            ? new RemoveResult(true, true, $"Worktree '{worktreePath}' removed; branch '{branch}' deleted: {proof}.")
            : new RemoveResult(true, false, $"Worktree '{worktreePath}' removed; branch '{branch}' kept: it moved after the merge check ({deleted.StdErr.Trim()}).");
    }

    private async Task<string?> RemoveWorktreeAsync(string repoPath, string worktreePath, bool folderExists, CancellationToken cancellationToken)
    {
        await git.RunAsync(repoPath, ["worktree", "unlock", worktreePath], cancellationToken);
        if (!folderExists)
        {
            // The folder is already gone: only git's registration of it is left to forget.
            var pruned = await git.RunAsync(repoPath, ["worktree", "prune"], cancellationToken);
            return pruned.Succeeded ? null : $"git could not forget the missing worktree '{worktreePath}': {pruned.StdErr.Trim()}";
        }
        // --force only after the sealed status above found the tree clean: git's own check would run
        // `git status` with the shared config, and so any clean filter an agent configured.
        var removed = await git.RunAsync(repoPath, ["worktree", "remove", "--force", worktreePath], cancellationToken);
        if (removed.Succeeded)
        {
            return null;
        }
        await git.RunAsync(repoPath, ["worktree", "lock", "--reason", WorktreeManager.LockReason, worktreePath], CancellationToken.None);
        return $"git could not remove worktree '{worktreePath}': {removed.StdErr.Trim()}. It was kept.";
    }

    private static string List(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(ListedPaths)) + (paths.Count > ListedPaths ? $" and {paths.Count - ListedPaths} more" : string.Empty);
}
