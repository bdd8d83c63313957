namespace Nightshift.Core.Workspaces;

/// <summary>The steps of creating one task worktree, and their undoing. Callers hold the repository's worktree gate.</summary>
internal sealed class WorktreeCreation(
    GitCli git, GitRepository repository, string repoPath, string worktreePath, string branch, TimeProvider timeProvider)
{
    private string BranchRef => RefNames.BranchPrefix + branch;

    public async Task<Prepared> PrepareAsync(string baseRef, CancellationToken cancellationToken)
    {
        var baseCommit = await RefNames.ResolveCommitAsync(git, repoPath, baseRef, cancellationToken)
            ?? throw new WorkspaceException($"Cannot create a worktree for '{branch}': base '{baseRef}' is not a commit in '{repoPath}'.");
        var tip = await RefNames.ResolveBranchAsync(git, repoPath, branch, cancellationToken);

        // A re-run of the task: the branch and its worktree are reused exactly as they are, so no
        // commit and no uncommitted file is lost.
        if (tip is not null && await FindLiveWorktreeAsync(cancellationToken) is { } existing)
        {
            if (existing.IsMain)
            {
                throw new WorkspaceException($"Branch '{branch}' is checked out in the main worktree '{existing.Path}'; a task needs a branch of its own.");
            }
            if (!existing.IsLocked)
            {
                await git.RunCheckedAsync(repoPath, ["worktree", "lock", "--reason", WorktreeManager.LockReason, existing.Path], cancellationToken);
            }
            var forkPoint = await ForkPointAsync(baseCommit, tip, cancellationToken);
            return new Prepared(new Worktree(repoPath, WorkspacePaths.Normalize(existing.Path), branch, forkPoint), Reused: true, false, false);
        }

        var folderExisted = EnsureFolderIsFree();
        if (tip is null)
        {
            // An empty old value creates the ref only if it does not exist yet.
            await git.RunCheckedAsync(
                repoPath, ["update-ref", "-m", "nightshift: create task branch", BranchRef, baseCommit, string.Empty], cancellationToken);
        }
        var prepared = new Prepared(
            new Worktree(repoPath, worktreePath, branch, tip is null ? baseCommit : await ForkPointAsync(baseCommit, tip, cancellationToken)),
            Reused: false,
            CreatedBranch: tip is null,
            FolderExisted: folderExisted);
        try
        {
            await AddAndCheckOutAsync(tip ?? baseCommit, cancellationToken);
        }
        catch (Exception ex)
        {
            await UndoAsync(prepared, CancellationToken.None);
            if (ex is OperationCanceledException)
            {
                throw;
            }
            throw new WorkspaceException($"Worktree for '{branch}' at '{worktreePath}' was not created: {ex.Message}", ex);
        }
        return prepared;
    }

    /// <summary>Removes what <see cref="PrepareAsync"/> made; a reused worktree or branch is never touched.</summary>
    public async Task UndoAsync(Prepared prepared, CancellationToken cancellationToken)
    {
        if (prepared.Reused)
        {
            return;
        }
        await git.RunAsync(repoPath, ["worktree", "unlock", worktreePath], cancellationToken);
        // --force is right here and only here: the folder holds nothing but this call's checkout and
        // setup output, no agent has worked in it yet.
        var removed = await git.RunAsync(repoPath, ["worktree", "remove", "--force", worktreePath], cancellationToken);
        if (Directory.Exists(worktreePath))
        {
            Directory.Delete(worktreePath, recursive: true);
        }
        if (!removed.Succeeded)
        {
            await git.RunAsync(repoPath, ["worktree", "prune"], cancellationToken);
        }
        if (prepared.CreatedBranch)
        {
            // Deleted only while it still points at the base: a branch that got commits is kept.
            await git.RunAsync(repoPath, ["update-ref", "-d", BranchRef, prepared.Worktree.BaseCommit], cancellationToken);
        }
        if (prepared.FolderExisted)
        {
            Directory.CreateDirectory(worktreePath);
        }
    }

    private async Task AddAndCheckOutAsync(string commit, CancellationToken cancellationToken)
    {
        // No checkout by git itself: it would run smudge filters and the post-checkout hook from the
        // shared config. Locked at once, so that no `git worktree prune` can drop it.
        await git.RunCheckedAsync(
            repoPath, ["worktree", "add", "--no-checkout", "--lock", "--reason", WorktreeManager.LockReason, worktreePath, branch], cancellationToken);
        using var sealedDir = SealedGitDirectory.Create(git, repository, worktreePath, commit);
        await sealedDir.RunCheckedAsync(["read-tree", "-u", "--reset", commit], cancellationToken);
        if (!await CheckoutIndex.InstallAsync(git, worktreePath, sealedDir.IndexFile, timeProvider, cancellationToken))
        {
            throw new WorkspaceException($"The index of the new worktree '{worktreePath}' is locked by another git command.");
        }
    }

    private async Task<WorktreeEntry?> FindLiveWorktreeAsync(CancellationToken cancellationToken)
    {
        var list = await git.RunCheckedAsync(repoPath, ["worktree", "list", "--porcelain", "-z"], cancellationToken);
        var entry = WorktreeListParser.Parse(list.StdOut).FirstOrDefault(e => string.Equals(e.Branch, branch, StringComparison.Ordinal));
        if (entry is null || Directory.Exists(entry.Path))
        {
            return entry;
        }
        // Registered but its folder is gone: nothing is left to keep, so forget it and start afresh.
        await git.RunAsync(repoPath, ["worktree", "unlock", entry.Path], cancellationToken);
        await git.RunCheckedAsync(repoPath, ["worktree", "prune"], cancellationToken);
        return null;
    }

    private bool EnsureFolderIsFree()
    {
        if (File.Exists(worktreePath))
        {
            throw new WorkspaceException($"Cannot create a worktree at '{worktreePath}': a file is there.");
        }
        if (!Directory.Exists(worktreePath))
        {
            return false;
        }
        if (Directory.EnumerateFileSystemEntries(worktreePath).Any())
        {
            throw new WorkspaceException($"Cannot create a worktree at '{worktreePath}': the folder exists and is not empty. Remove it or choose another folder.");
        }
        return true;
    }

    private async Task<string> ForkPointAsync(string baseCommit, string tip, CancellationToken cancellationToken)
    {
        var mergeBase = await git.RunAsync(repoPath, ["merge-base", baseCommit, tip], cancellationToken);
        return mergeBase.Succeeded ? mergeBase.StdOut.Trim() : baseCommit;
    }

    internal sealed record Prepared(Worktree Worktree, bool Reused, bool CreatedBranch, bool FolderExisted);
}
